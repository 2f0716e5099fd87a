"""Import cases of one town from a CSV file (format: docs/operators/cases.md).

    manage.py import_cases --town zembrzyce sprawy.csv [--source ezd] [--dry-run] \
        [--report odrzucone.csv]
"""

from __future__ import annotations

from typing import IO, Any

from eurzad.cases.imports import ImportFileError, import_cases
from eurzad.core.csv_import import TownCsvImportCommand


class Command(TownCsvImportCommand):
    help = "Import spraw gminy z pliku CSV (cases CSV import)."
    file_errors = (ImportFileError,)

    def run_import(self, stream: IO[str], *, dry_run: bool, **kwargs: Any) -> Any:
        return import_cases(stream, dry_run=dry_run, **kwargs)
