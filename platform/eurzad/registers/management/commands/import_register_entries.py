"""Import register entries of one town from a CSV file (format: docs/operators/registers.md).

manage.py import_register_entries --town glogow wpisy.csv [--source import] [--dry-run]
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from eurzad.registers.imports import ImportFileError, import_entries
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Import wpisów do rejestrów gminy z pliku CSV (register entries CSV import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Plik CSV (UTF-8, separator ';', wiersz nagłówka).")
        parser.add_argument("--town", required=True, help="Schemat gminy, np. glogow.")
        parser.add_argument("--source", default="import", help="Źródło danych (default: import).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Sprawdź i policz, ale nic nie zapisuj."
        )

    def handle(self, *args, **options) -> None:
        town = options["town"]
        if town == "public" or not Municipality.objects.filter(schema_name=town).exists():
            raise CommandError(f"Nie ma gminy (no town) {town!r}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Nie ma pliku (no such file) {path}.")
        source = options["source"].strip()
        if not source or len(source) > 40:
            raise CommandError("--source: 1–40 znaków (1–40 characters).")
        with schema_context(town), path.open(encoding="utf-8-sig", newline="") as stream:
            try:
                report = import_entries(stream, source=source, dry_run=options["dry_run"])
            except ImportFileError as error:
                raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
