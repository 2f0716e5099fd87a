"""CSV import of register entries from the town's systems (format:
docs/operators/registers.md).

The rules of every town import (:mod:`eurzad.core.csv_rows`): each row in its own
savepoint, a bad row reported with its number, column and reason and the rest goes on,
upserts by (source, external id) so importing a file again changes nothing. The file's
columns other than those below are the register's own fields, by name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from eurzad.core.csv_rows import (
    IMPORTED,
    UNCHANGED,
    UPDATED,
    FileFormat,
    ImportFileError,
    ImportReport,
    Row,
    RowError,
    clean_model,
    dry_run_transaction,
    import_rows,
    read_rows,
    set_changed,
)
from eurzad.parties.imports import PARTY_COLUMNS, find_party, party_reference
from eurzad.parties.models import Party
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry

ENTRIES_FORMAT = FileFormat(
    required=("register", "number", "external_id"),
    optional=(*PARTY_COLUMNS, "valid_from", "valid_until", "state"),
)
PROPERTY_FORMAT = FileFormat(
    required=("external_id", "parcel_number", "precinct", "area_m2"),
    optional=("land_register_number", "use", "offer", "address", "description", "published"),
)
YES, NO = ("1", "true", "tak", "t", "yes"), ("0", "false", "nie", "n", "no")

__all__ = ["ENTRIES_FORMAT", "EntryImporter", "ImportFileError", "PropertyImporter",
           "import_entries"]  # fmt: skip


class EntryImporter:
    """Register entries of one source; ``import_row`` upserts one row."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.definitions = {item.slug: item for item in RegisterDefinition.objects.all()}
        self.seen: set[str] = set()

    def import_row(self, line: int, row: Row) -> str:
        slug = row.text("register", required=True)
        definition = self.definitions.get(slug)
        if definition is None:
            raise RowError("register", _("Nie ma takiego rejestru."))
        number = row.text("number", required=True)
        external_id = row.text("external_id", required=True)
        if external_id in self.seen:
            raise RowError(
                "external_id",
                _("Ten identyfikator wystąpił już wcześniej w pliku."),
            )
        self.seen.add(external_id)
        own = {name for name in row.values if name in ENTRIES_FORMAT.columns}
        values = {name: row.text(name) for name in row.values if name not in own}
        try:
            cleaned = definition.clean_values({k: v for k, v in values.items() if v != ""})
        except ValidationError as error:
            raise RowError("", " ".join(error.messages)) from None
        state = row.text("state") or RegisterEntry.State.ACTIVE
        if state not in RegisterEntry.State.values:
            raise RowError(
                "state",
                _("Nieznany stan; dozwolone: %(states)s.")
                % {"states": ", ".join(RegisterEntry.State.values)},
            )
        wanted: dict[str, Any] = {
            "definition": definition,
            "number": number,
            "party": self._party(row),
            "values": cleaned,
            "valid_from": row.date("valid_from", required=False),
            "valid_until": row.date("valid_until", required=False),
            "state": state,
        }
        start, end = wanted["valid_from"], wanted["valid_until"]
        if start and end and end < start:
            raise RowError("valid_until", _("Koniec ważności przed jej początkiem."))
        entry = RegisterEntry.objects.filter(source=self.source, external_id=external_id).first()
        clash = RegisterEntry.objects.filter(definition=definition, number=number)
        if entry is not None:
            clash = clash.exclude(pk=entry.pk)
        if clash.exists():
            raise RowError("number", _("Ten numer ma już inny wpis w rejestrze."))
        if entry is None:
            RegisterEntry.objects.create(source=self.source, external_id=external_id, **wanted)
            return IMPORTED
        if not set_changed(entry, wanted):
            return UNCHANGED
        entry.save()
        return UPDATED

    @staticmethod
    def _party(row: Row) -> Party | None:
        """The Party the row names; it must already be known to the office. An entry may
        have no Party (a register of the town's own property, say)."""
        if not any(row.text(column) for column in PARTY_COLUMNS):
            return None
        party, _identifiers = find_party(row)
        if party is None:
            raise RowError(
                "party_external_id",
                _("Urząd nie zna tej strony; zaimportuj ją najpierw."),
            )
        return party


class PropertyImporter:
    """Municipal property (the public search) of one source; ``import_row`` upserts one
    row by (source, external id)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: set[str] = set()

    def import_row(self, line: int, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        if external_id in self.seen:
            raise RowError(
                "external_id",
                _("Ten identyfikator wystąpił już wcześniej w pliku."),
            )
        self.seen.add(external_id)
        offer = row.text("offer").lower() or Property.Offer.NONE
        if offer not in Property.Offer.values:
            raise RowError(
                "offer",
                _("Nieznana oferta; dozwolone: %(values)s.")
                % {"values": ", ".join(Property.Offer.values)},
            )
        published = row.text("published").lower() or "tak"
        if published not in YES + NO:
            raise RowError("published", _("Wartość tak/nie."))
        wanted = {
            "parcel_number": row.text("parcel_number", required=True),
            "precinct": row.text("precinct", required=True),
            "area_m2": row.amount("area_m2", minimum=Decimal("0")),
            "land_register_number": row.text("land_register_number"),
            "use": row.text("use"),
            "offer": offer,
            "address": row.text("address"),
            "description": row.text("description"),
            "published": published in YES,
        }
        item = Property.objects.filter(source=self.source, external_id=external_id).first()
        if item is None:
            item = Property(source=self.source, external_id=external_id, **wanted)
            clean_model(item)
            item.save()
            return IMPORTED
        if not set_changed(item, wanted):
            return UNCHANGED
        clean_model(item)
        item.save()
        return UPDATED


def _reference(row: Row) -> str:
    return " / ".join(part for part in (row.text("external_id"), party_reference(row)) if part)


def import_entries(
    stream: IO[str], *, source: str = "import", dry_run: bool = False
) -> ImportReport:
    """Import the rows of ``stream`` into the current town's registers; returns the report.
    Raises :class:`ImportFileError` when the file as a whole cannot be read."""
    report = ImportReport(kind="register-entries", source=source, dry_run=dry_run)
    importer = EntryImporter(source)
    with dry_run_transaction(dry_run):
        import_rows(report, read_rows(stream, ENTRIES_FORMAT), importer.import_row, _reference)
    return report
