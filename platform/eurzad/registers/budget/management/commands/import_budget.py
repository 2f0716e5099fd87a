"""Import a town's budget plan and execution for one year from a CSV file
(format: docs/operators/budget.md).

    manage.py import_budget --town glogow --year 2026 budzet-2026.csv \
        [--status plan|execution] [--resolution-number …] [--resolution-date RRRR-MM-DD] \
        [--dry-run] [--report odrzucone.csv]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from eurzad.registers.budget.imports import ImportFileError, import_budget
from eurzad.registers.budget.models import BudgetYear
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Import budżetu gminy (plan i wykonanie) za jeden rok z pliku CSV (budget import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Plik CSV (UTF-8, separator ';', wiersz nagłówka).")
        parser.add_argument("--town", required=True, help="Schemat gminy, np. glogow.")
        parser.add_argument("--year", required=True, type=int, help="Rok budżetowy.")
        parser.add_argument("--status", choices=BudgetYear.Status.values, help="Plan/wykonanie.")
        parser.add_argument("--resolution-number", default="", help="Numer uchwały budżetowej.")
        parser.add_argument("--resolution-date", help="Data uchwały, RRRR-MM-DD.")
        parser.add_argument("--dry-run", action="store_true", help="Sprawdź, nic nie zapisuj.")
        parser.add_argument("--report", help="Zapisz odrzucone wiersze do tego pliku CSV.")

    def handle(self, *args, **options) -> None:
        town = options["town"]
        if town == "public" or not Municipality.objects.filter(schema_name=town).exists():
            raise CommandError(f"Nie ma gminy (no town) {town!r}.")
        year = options["year"]
        if not 1999 <= year <= 2100:
            raise CommandError("--year: 1999–2100.")
        resolution_date = None
        if options["resolution_date"]:
            try:
                resolution_date = date.fromisoformat(options["resolution_date"])
            except ValueError:
                raise CommandError(
                    "--resolution-date: RRRR-MM-DD (malformed date, YYYY-MM-DD)."
                ) from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Nie ma pliku (no such file) {path}.")
        with schema_context(town), path.open(encoding="utf-8-sig", newline="") as stream:
            try:
                report = import_budget(
                    stream,
                    year=year,
                    status=options["status"],
                    resolution_number=options["resolution_number"].strip(),
                    resolution_date=resolution_date,
                    dry_run=options["dry_run"],
                )
            except ImportFileError as error:
                raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8", newline="") as out:
                report.write_csv(out)
