"""The shape every CSV import command of a town shares: ``FILE --town [--source]
[--dry-run] [--report]``, the town and file checked, the file read in the town's schema,
the report printed (and written as CSV when asked)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import get_tenant_model, schema_context


class TownCsvImportCommand(BaseCommand):
    """Subclasses implement :meth:`run_import` and may add arguments and checks."""

    #: the exceptions meaning "the file as a whole cannot be read"
    file_errors: tuple[type[Exception], ...] = ()
    #: whether the import keys rows by ``--source`` + external id
    uses_source = True
    #: whether the report can be written as CSV (``--report``)
    writes_report = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Plik CSV (UTF-8, separator ';', wiersz nagłówka).")
        parser.add_argument("--town", required=True, help="Schemat gminy, np. zembrzyce.")
        if self.uses_source:
            parser.add_argument(
                "--source",
                default="import",
                help="Źródło danych; z identyfikatorem zewnętrznym tworzy klucz (default: import).",
            )
        parser.add_argument(
            "--dry-run", action="store_true", help="Sprawdź i policz, ale nic nie zapisuj."
        )
        if self.writes_report:
            parser.add_argument(
                "--report", help="Zapisz odrzucone wiersze i ostrzeżenia do tego pliku CSV."
            )
        self.add_import_arguments(parser)

    def add_import_arguments(self, parser: CommandParser) -> None:
        """Arguments of this particular import."""

    def check_options(self, options: dict[str, Any]) -> dict[str, Any]:
        """Validate this import's own options; returns the keyword arguments for it."""
        return {}

    def run_import(self, stream: IO[str], *, dry_run: bool, **kwargs: Any) -> Any:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        town = options["town"]
        if town == "public" or not get_tenant_model().objects.filter(schema_name=town).exists():
            raise CommandError(f"Nie ma gminy (no town) {town!r}.")
        kwargs = self.check_options(options)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Nie ma pliku (no such file) {path}.")
        if self.uses_source:
            source = options["source"].strip()
            if not source or len(source) > 40:
                raise CommandError("--source: 1–40 znaków (1–40 characters).")
            kwargs["source"] = source
        with schema_context(town), path.open(encoding="utf-8-sig", newline="") as stream:
            try:
                report = self.run_import(stream, dry_run=options["dry_run"], **kwargs)
            except self.file_errors as error:
                raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if self.writes_report and options["report"]:
            with open(options["report"], "w", encoding="utf-8", newline="") as out:
                report.write_csv(out)
