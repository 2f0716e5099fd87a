"""``manage.py load_interest_rates``: add the official rates a new release ships."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from eurzad.finance.interest.rates import load_official_rates


class Command(BaseCommand):
    help = "Add the shipped official interest rates and thresholds the table lacks."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_official_rates()
        self.stdout.write(f"{added} row(s) added")
