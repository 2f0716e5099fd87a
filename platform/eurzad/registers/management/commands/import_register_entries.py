"""Import register entries of one town from a CSV file (format: docs/operators/registers.md).

manage.py import_register_entries --town glogow wpisy.csv [--source import] [--dry-run]
    [--report odrzucone.csv]
"""

from __future__ import annotations

from typing import IO, Any

from eurzad.core.csv_import import TownCsvImportCommand
from eurzad.registers.imports import ImportFileError, import_entries


class Command(TownCsvImportCommand):
    help = "Import wpisów do rejestrów gminy z pliku CSV (register entries CSV import)."
    file_errors = (ImportFileError,)

    def run_import(self, stream: IO[str], *, dry_run: bool, **kwargs: Any) -> Any:
        return import_entries(stream, dry_run=dry_run, **kwargs)
