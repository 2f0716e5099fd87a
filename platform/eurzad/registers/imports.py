"""CSV import of register entries from the town's systems (format:
docs/operators/registers.md).

Same rules as the finance import: every row is validated and saved in its own savepoint,
a bad row is reported with its number and reason (Polish, English in parentheses) and the
rest goes on; rows are upserts by (source, external id), so importing a file again
changes nothing. The file's other columns are the register's fields by name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eurzad.parties.identifiers import mask, normalise_nip, normalise_pesel
from eurzad.parties.models import Party
from eurzad.registers.models import RegisterDefinition, RegisterEntry

DELIMITER = ";"
REQUIRED = ("register", "number", "external_id")
OPTIONAL = ("party_external_id", "pesel", "nip", "valid_from", "valid_until", "state")


class ImportFileError(Exception):
    """The file as a whole cannot be read (no header, missing columns)."""


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            _("Utworzono (created): %(n)s") % {"n": self.created},
            _("Zmieniono (updated): %(n)s") % {"n": self.updated},
            _("Bez zmian (unchanged): %(n)s") % {"n": self.unchanged},
            _("Odrzucono (rejected): %(n)s") % {"n": len(self.errors)},
        ]
        lines += [f"{_('wiersz')} {error.row}: {error.message}" for error in self.errors]
        return lines


def import_entries(stream: IO[str], *, source: str = "import", dry_run: bool = False
                   ) -> ImportReport:  # fmt: skip
    """Import the rows of ``stream`` into this town's registers."""
    reader = csv.DictReader(stream, delimiter=DELIMITER)
    header = reader.fieldnames or []
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(
            _("Brak kolumn: %(columns)s (missing columns).") % {"columns": ", ".join(missing)}
        )
    report = ImportReport()
    definitions = {item.slug: item for item in RegisterDefinition.objects.all()}
    with transaction.atomic():
        for number, row in enumerate(reader, start=2):
            try:
                with transaction.atomic():
                    outcome = _import_row(row, definitions, source)
            except ValidationError as error:
                report.errors.append(RowError(number, "; ".join(error.messages)))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_row(row: dict[str, Any], definitions: dict[str, RegisterDefinition],
                source: str) -> str:  # fmt: skip
    row = {key: (value or "").strip() for key, value in row.items() if key}
    definition = definitions.get(row["register"])
    if definition is None:
        raise ValidationError(
            _("register: nie ma rejestru %(slug)r (no such register).") % {"slug": row["register"]}
        )
    if not row["number"] or not row["external_id"]:
        raise ValidationError(_("number i external_id są wymagane (required)."))
    values = {
        key: value
        for key, value in row.items()
        if key not in REQUIRED and key not in OPTIONAL and value != ""
    }
    state = row.get("state") or RegisterEntry.State.ACTIVE
    if state not in RegisterEntry.State.values:
        raise ValidationError(_("state: nieznany stan (unknown state)."))
    wanted = {
        "definition": definition,
        "number": row["number"],
        "party": _party(row),
        "values": definition.clean_values(values),
        "valid_from": _date(row, "valid_from"),
        "valid_until": _date(row, "valid_until"),
        "state": state,
    }
    start, end = wanted["valid_from"], wanted["valid_until"]
    if start and end and end < start:
        raise ValidationError(_("valid_until przed valid_from (ends before it starts)."))
    entry = RegisterEntry.objects.filter(source=source, external_id=row["external_id"]).first()
    clash = RegisterEntry.objects.filter(definition=definition, number=row["number"])
    if entry is not None:
        clash = clash.exclude(pk=entry.pk)
    if clash.exists():
        raise ValidationError(
            _("number: ten numer ma już inny wpis w rejestrze (number already used).")
        )
    if entry is None:
        RegisterEntry.objects.create(source=source, external_id=row["external_id"], **wanted)
        return "created"
    if all(getattr(entry, name) == value for name, value in wanted.items()):
        return "unchanged"
    for name, value in wanted.items():
        setattr(entry, name, value)
    entry.save()
    return "updated"


def _date(row: dict[str, str], column: str) -> date | None:
    if not row.get(column):
        return None
    try:
        return date.fromisoformat(row[column])
    except ValueError:
        raise ValidationError(
            _("%(column)s: data RRRR-MM-DD (date YYYY-MM-DD).") % {"column": column}
        ) from None


def _party(row: dict[str, str]) -> Party | None:
    """The Party the row names, by external id, PESEL or NIP; it must already exist."""
    if row.get("party_external_id"):
        lookup, shown = {"external_id": row["party_external_id"]}, row["party_external_id"]
    elif row.get("pesel"):
        lookup, shown = {"pesel": normalise_pesel(row["pesel"])}, mask(row["pesel"])
    elif row.get("nip"):
        lookup, shown = {"nip": normalise_nip(row["nip"])}, row["nip"]
    else:
        return None
    party = Party.objects.filter(**lookup).first()
    if party is None:
        raise ValidationError(_("Nie ma strony %(who)s (no such party).") % {"who": shown})
    return party
