"""Export a town's online payments for its finance system (CSV, ';' separator).

    manage.py export_payments --town glogow --since 2026-03-01 [--until 2026-03-31] \
        [--output wplaty.csv] [--decimal-comma]
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from eurzad.finance.exports import write_payments_csv
from tenants.models import Municipality


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Data RRRR-MM-DD (date YYYY-MM-DD expected): {text!r}") from None


class Command(BaseCommand):
    help = "Eksport płatności internetowych gminy do systemu finansowego (online payments CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", required=True, help="Schemat gminy, np. glogow.")
        parser.add_argument("--since", required=True, help="Od dnia zaksięgowania (RRRR-MM-DD).")
        parser.add_argument("--until", help="Do dnia zaksięgowania włącznie (RRRR-MM-DD).")
        parser.add_argument("--output", help="Plik wynikowy; bez niego standardowe wyjście.")
        parser.add_argument(
            "--decimal-comma", action="store_true", help="Kwoty z przecinkiem dziesiętnym."
        )

    def handle(self, *args, **options) -> None:
        town = options["town"]
        if town == "public" or not Municipality.objects.filter(schema_name=town).exists():
            raise CommandError(f"Nie ma gminy (no town) {town!r}.")
        since = _day(options["since"])
        until = _day(options["until"]) if options["until"] else None
        if until is not None and until < since:
            raise CommandError("--until jest przed --since (--until is before --since).")
        with schema_context(town):
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as out:
                    count = write_payments_csv(
                        out, since, until, decimal_comma=options["decimal_comma"]
                    )
                self.stderr.write(f"Wyeksportowano wpłat (payments exported): {count}")
            else:
                # Each CSV line ends with a newline, so OutputWrapper adds none.
                write_payments_csv(
                    self.stdout, since, until, decimal_comma=options["decimal_comma"]
                )
