"""``manage.py drill_fingerprint``: one line per town with what a restore must bring back
(its status and how many residents, obligations, payments, cases and pages it holds, and
its last booked payment), for the restore drill to compare a recovered copy with
production (helm/drill/restore-drill.sh, docs/operators/backup-restore.md). Counts only:
no personal data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Max
from django_tenants.utils import schema_context
from wagtail.models import Page

from eurzad.cases.models import Case
from eurzad.finance.models import Obligation, Payment
from eurzad.identity.models import Resident
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Wypisz odcisk danych każdej gminy (liczby wierszy) do porównania kopii z produkcją."

    def handle(self, *args: Any, **options: Any) -> None:
        for town in Municipality.objects.exclude(schema_name="public").order_by("schema_name"):
            with schema_context(town.schema_name):
                last_payment = Payment.objects.aggregate(last=Max("pk"))["last"]
                counts = {
                    "mieszkancy": Resident.objects.count(),
                    "zobowiazania": Obligation.objects.count(),
                    "wplaty": Payment.objects.count(),
                    "sprawy": Case.objects.count(),
                    "strony": Page.objects.count(),
                    "ostatnia_wplata": last_payment or 0,
                }
            fields = " ".join(f"{name}={value}" for name, value in counts.items())
            self.stdout.write(f"{town.schema_name} {town.status} {fields}")
