"""Import obligations, components, installments, payments or balances of one town from a CSV
file (format: docs/operators/finance-import.md).

    manage.py import_finance --town zembrzyce --kind obligations zobowiazania.csv \
        [--source import] [--dry-run] [--report odrzucone.csv]
"""

from __future__ import annotations

from typing import IO, Any

from django.core.management.base import CommandParser

from eurzad.core.csv_import import TownCsvImportCommand
from eurzad.finance.imports import KINDS, ImportFileError, import_file


class Command(TownCsvImportCommand):
    help = (
        "Import zobowiązań, składników, rat, wpłat lub sald (rozliczeń) gminy z pliku CSV "
        "(finance CSV import)."
    )
    file_errors = (ImportFileError,)

    def add_import_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=KINDS, help="Rodzaj pliku.")

    def check_options(self, options: dict[str, Any]) -> dict[str, Any]:
        return {"kind": options["kind"]}

    def run_import(self, stream: IO[str], *, dry_run: bool, **kwargs: Any) -> Any:
        return import_file(kwargs.pop("kind"), stream, dry_run=dry_run, **kwargs)
