"""Import cases of one town from a CSV file (format: docs/operators/cases.md).

    manage.py import_cases --town zembrzyce sprawy.csv [--source ezd] [--dry-run] \
        [--report odrzucone.csv]
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from eurzad.cases.imports import ImportFileError, import_cases
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Import spraw gminy z pliku CSV (cases CSV import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Plik CSV (UTF-8, separator ';', wiersz nagłówka).")
        parser.add_argument("--town", required=True, help="Schemat gminy, np. zembrzyce.")
        parser.add_argument(
            "--source",
            default="import",
            help="Źródło danych; z identyfikatorem zewnętrznym tworzy klucz (default: import).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Sprawdź i policz, ale nic nie zapisuj."
        )
        parser.add_argument(
            "--report", help="Zapisz odrzucone wiersze i ostrzeżenia do tego pliku CSV."
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
                report = import_cases(stream, source=source, dry_run=options["dry_run"])
            except ImportFileError as error:
                raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8", newline="") as out:
                report.write_csv(out)
