"""Import a town's budget plan and execution for one year from a CSV file
(format: docs/operators/budget.md).

    manage.py import_budget --town glogow --year 2026 budzet-2026.csv \
        [--status plan|execution] [--resolution-number …] [--resolution-date RRRR-MM-DD] \
        [--dry-run] [--report odrzucone.csv]
"""

from __future__ import annotations

from datetime import date
from typing import IO, Any

from django.core.management.base import CommandError, CommandParser

from eurzad.core.csv_import import TownCsvImportCommand
from eurzad.registers.budget.imports import ImportFileError, import_budget
from eurzad.registers.budget.models import BudgetYear


class Command(TownCsvImportCommand):
    help = "Import budżetu gminy (plan i wykonanie) za jeden rok z pliku CSV (budget import)."
    file_errors = (ImportFileError,)
    uses_source = False  # a year's lines are keyed by their classification

    def add_import_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, type=int, help="Rok budżetowy.")
        parser.add_argument("--status", choices=BudgetYear.Status.values, help="Plan/wykonanie.")
        parser.add_argument("--resolution-number", default="", help="Numer uchwały budżetowej.")
        parser.add_argument("--resolution-date", help="Data uchwały, RRRR-MM-DD.")

    def check_options(self, options: dict[str, Any]) -> dict[str, Any]:
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
        return {
            "year": year,
            "status": options["status"],
            "resolution_number": options["resolution_number"].strip(),
            "resolution_date": resolution_date,
        }

    def run_import(self, stream: IO[str], *, dry_run: bool, **kwargs: Any) -> Any:
        return import_budget(stream, dry_run=dry_run, **kwargs)
