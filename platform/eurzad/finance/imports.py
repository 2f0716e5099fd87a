"""CSV import of obligations, their components, installments and payments from the town's
tax and fee system (format: docs/operators/finance-import.md).

Every row is validated on its own and imported in its own savepoint: a bad row is
rejected with its row number, column and reason (Polish, English in parentheses) and the
rest of the file goes on. Rows are upserts by (source, external id), so importing the same
file again changes nothing. Payments are booked through
:func:`eurzad.finance.services.book_payment`, once per (source, external id).

The report never holds a full PESEL: messages never repeat the numbers they judge, and
party references are masked.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eurzad.finance.models import (
    Installment,
    Obligation,
    ObligationComponent,
    ObligationKind,
    Payment,
)
from eurzad.finance.money import ZERO
from eurzad.finance.schedules import schedule_mismatches
from eurzad.finance.services import Target, book_payment
from eurzad.parties.identifiers import (
    mask,
    normalise_nip,
    normalise_nrb,
    normalise_pesel,
    validate_nip,
    validate_nrb,
    validate_pesel,
)
from eurzad.parties.models import Party

DELIMITER = ";"
PARTY_COLUMNS = ("party_external_id", "pesel", "nip")
PARTY_DETAILS = ("regon", "first_name", "last_name", "name", "street", "postal_code", "city",
                 "email")  # fmt: skip


@dataclass(frozen=True)
class FileFormat:
    """The columns of one kind of import file."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    needs_party: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + (PARTY_COLUMNS if self.needs_party else ()) + self.optional


FORMATS: dict[str, FileFormat] = {
    "obligations": FileFormat(
        required=("external_id", "kind", "year", "amount"),
        optional=(
            *PARTY_DETAILS,
            "document_number",
            "document_date",
            "bank_account",
            "description",
        ),
        needs_party=True,
    ),
    "components": FileFormat(
        required=("obligation_external_id", "name", "amount"),
        optional=("base", "unit", "rate"),
    ),
    "installments": FileFormat(
        required=("obligation_external_id", "number", "due_date", "amount"),
    ),
    "payments": FileFormat(
        required=("external_id", "booked_on", "amount", "channel"),
        optional=("obligation_external_id", "title", "installments"),
        needs_party=True,
    ),
}
KINDS = tuple(FORMATS)


class ImportFileError(Exception):
    """The whole file cannot be read (encoding, header): nothing was imported."""


class RowError(Exception):
    """One row is rejected: ``column`` names the culprit ("" for the row as a whole)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class RowIssue:
    row: int
    column: str
    message: str
    reference: str = ""
    level: str = "rejected"  # or "warning": imported, but check it


@dataclass
class ImportReport:
    """What an import did, row by row."""

    kind: str
    source: str
    dry_run: bool = False
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def warnings(self) -> list[RowIssue]:
        return [issue for issue in self.issues if issue.level == "warning"]

    @property
    def rejections(self) -> list[RowIssue]:
        return [issue for issue in self.issues if issue.level == "rejected"]

    def summary(self) -> str:
        prefix = _("PRÓBA, nic nie zapisano (dry run, nothing saved): ") if self.dry_run else ""
        return prefix + _(
            "nowe %(imported)d, zmienione %(updated)d, bez zmian %(unchanged)d, "
            "odrzucone %(rejected)d, ostrzeżenia %(warnings)d (imported, updated, unchanged, "
            "rejected, warnings)"
        ) % {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "warnings": len(self.warnings),
        }

    def lines(self) -> list[str]:
        out = [self.summary()]
        for issue in self.issues:
            label = (
                _("ODRZUCONY (rejected)")
                if issue.level == "rejected"
                else _("OSTRZEŻENIE (warning)")
            )
            where = _("wiersz %(row)d") % {"row": issue.row}
            if issue.column:
                where += ", " + _("kolumna %(column)s") % {"column": issue.column}
            reference = f" [{issue.reference}]" if issue.reference else ""
            out.append(f"{label}: {where}{reference}: {issue.message}")
        return out

    def write_csv(self, stream: IO[str]) -> None:
        """The rejected rows and warnings as a CSV (same separator as the import)."""
        writer = csv.writer(stream, delimiter=DELIMITER, lineterminator="\n")
        writer.writerow(["row", "level", "column", "reference", "message"])
        for issue in self.issues:
            writer.writerow([issue.row, issue.level, issue.column, issue.reference, issue.message])


# --- reading and parsing ------------------------------------------------------------


def _missing(column: str) -> RowError:
    return RowError(column, _("Brak wartości w kolumnie (missing column value)."))


class Row:
    """One data row, by column name; parsers raise :class:`RowError`."""

    def __init__(self, values: dict[str, str | None]) -> None:
        self.values = values

    def text(self, column: str, *, required: bool = False) -> str:
        if column not in self.values:
            if required:
                raise _missing(column)
            return ""
        value = self.values[column]
        if value is None:  # the row is shorter than the header
            if required:
                raise _missing(column)
            return ""
        value = value.strip()
        if required and not value:
            raise _missing(column)
        return value

    def amount(self, column: str, *, minimum: Decimal | None = Decimal("0.01"),
               places: int = 2, required: bool = True) -> Decimal | None:  # fmt: skip
        raw = self.text(column, required=required)
        if not raw:
            return None
        cleaned = raw.replace("\u00a0", "").replace(" ", "")
        pattern = rf"-?\d+([.,]\d{{1,{places}}})?"
        if not re.fullmatch(pattern, cleaned):
            raise RowError(
                column,
                _(
                    "Kwota ma zły format: cyfry, przecinek lub kropka dziesiętna, najwyżej "
                    "%(places)d miejsca po przecinku, bez separatora tysięcy (malformed amount)."
                )
                % {"places": places},
            )
        try:
            value = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern rules it out
            raise RowError(column, _("Kwota ma zły format (malformed amount).")) from None
        if minimum is not None and value < minimum:
            if minimum > ZERO:
                message = _("Kwota musi być dodatnia (the amount must be positive).")
            else:
                message = _("Kwota nie może być ujemna (the amount must not be negative).")
            raise RowError(column, message)
        return value

    def date(self, column: str, *, required: bool = True) -> date | None:
        raw = self.text(column, required=required)
        if not raw:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            raise RowError(
                column, _("Data ma zły format, oczekiwano RRRR-MM-DD (malformed date, YYYY-MM-DD).")
            ) from None

    def integer(self, column: str, *, low: int, high: int) -> int:
        raw = self.text(column, required=True)
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise RowError(
                column,
                _("Oczekiwano liczby całkowitej %(low)d–%(high)d (expected a whole number).")
                % {"low": low, "high": high},
            )
        return int(raw)


def read_rows(stream: IO[str], file_format: FileFormat) -> Iterator[tuple[int, Row | RowError]]:
    """``(line number, Row)`` for each data row, or ``(line number, RowError)`` for a row
    that does not fit the header. Raises :class:`ImportFileError` for a bad header."""
    reader = csv.reader(stream, delimiter=DELIMITER)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Plik jest pusty (the file is empty).")) from None
    except UnicodeDecodeError:
        raise ImportFileError(_("Plik nie jest w UTF-8 (the file is not UTF-8).")) from None
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    missing = [column for column in file_format.required if column not in names]
    if missing:
        raise ImportFileError(
            _("Brak wymaganych kolumn w nagłówku (header lacks required columns): %(columns)s")
            % {"columns": ", ".join(missing)}
        )
    if file_format.needs_party and not any(column in names for column in PARTY_COLUMNS):
        raise ImportFileError(
            _(
                "Nagłówek musi mieć kolumnę party_external_id, pesel lub nip "
                "(the header needs a party identifier column)."
            )
        )
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ImportFileError(
            _("Powtórzone kolumny w nagłówku (duplicated columns): %(columns)s")
            % {"columns": ", ".join(duplicated)}
        )
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                yield (
                    line,
                    RowError(
                        "", _("Wiersz ma więcej pól niż nagłówek (more fields than the header).")
                    ),
                )
                continue
            padded: list[str | None] = [*values, *[None] * (len(names) - len(values))]
            yield line, Row(dict(zip(names, padded, strict=True)))
    except UnicodeDecodeError:
        raise ImportFileError(_("Plik nie jest w UTF-8 (the file is not UTF-8).")) from None
    except csv.Error as error:
        raise ImportFileError(
            _("Plik CSV jest uszkodzony w wierszu %(line)d (malformed CSV).")
            % {"line": reader.line_num}
        ) from error


# --- parties ------------------------------------------------------------------------


def _validated(row: Row, column: str, validator: Callable[[str], None],
               normalise: Callable[[str], str]) -> str:  # fmt: skip
    raw = row.text(column)
    if not raw:
        return ""
    try:
        validator(raw)
    except ValidationError as error:
        raise RowError(column, " ".join(error.messages)) from None
    return normalise(raw)


def _party_reference(row: Row) -> str:
    """Who the row is about, safe for the report: the external id, or a masked number."""
    if external := row.text("party_external_id"):
        return external
    digits = re.sub(r"\D", "", row.text("pesel"))
    if digits:
        return "PESEL " + mask(digits)
    digits = re.sub(r"\D", "", row.text("nip"))
    return "NIP " + mask(digits, visible=3) if digits else ""


def _find_party(row: Row) -> tuple[Party | None, dict[str, str]]:
    identifiers = {
        "party_external_id": row.text("party_external_id"),
        "pesel": _validated(row, "pesel", validate_pesel, normalise_pesel),
        "nip": _validated(row, "nip", validate_nip, normalise_nip),
    }
    if not any(identifiers.values()):
        raise RowError(
            "party_external_id",
            _("Podaj identyfikator strony: party_external_id, PESEL lub NIP (party identifier "
              "required)."),
        )  # fmt: skip
    found: dict[int, Party] = {}
    lookups = {"party_external_id": "external_id", "pesel": "pesel", "nip": "nip"}
    for column, value in identifiers.items():
        if value:
            party = Party.objects.filter(**{lookups[column]: value}).first()
            if party is not None:
                found[party.pk] = party
    if len(found) > 1:
        raise RowError(
            "party_external_id",
            _("Identyfikatory wskazują różne strony (the identifiers point to different parties)."),
        )
    return (next(iter(found.values())) if found else None), identifiers


PARTY_FIELD_COLUMNS = {"external_id": "party_external_id"}


def _create_party(row: Row, identifiers: dict[str, str]) -> Party:
    details = {column: row.text(column) for column in PARTY_DETAILS}
    natural = bool(identifiers["pesel"]) or (
        bool(details["first_name"] or details["last_name"]) and not details["name"]
    )
    party = Party(
        kind=Party.Kind.NATURAL if natural else Party.Kind.LEGAL,
        external_id=identifiers["party_external_id"],
        pesel=identifiers["pesel"],
        nip=identifiers["nip"],
        **details,
    )
    try:
        party.full_clean()
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        column = PARTY_FIELD_COLUMNS.get(field_name, "" if field_name == "__all__" else field_name)
        raise RowError(column, " ".join(messages)) from None
    party.save()
    return party


def _clean_model(instance: Any, columns: dict[str, str] | None = None) -> None:
    """Run the model's validation; the first problem becomes a :class:`RowError`."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        column = (columns or {}).get(field_name, "" if field_name == "__all__" else field_name)
        raise RowError(column, " ".join(messages)) from None


def _changed(instance: Any, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


# --- the importers ------------------------------------------------------------------

IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"


class Importer:
    """One file of one kind, in the current town's schema."""

    def __init__(self, kind: str, source: str, report: ImportReport) -> None:
        self.kind = kind
        self.source = source
        self.report = report
        self.seen: set[object] = set()
        # obligation pk → first row that touched its installments (for schedule checks)
        self.touched: dict[int, int] = {}

    def once(self, key: object, column: str) -> None:
        """A file names each record once: a second row would make re-imports flap."""
        if key in self.seen:
            raise RowError(
                column,
                _("Ten identyfikator wystąpił już wcześniej w pliku (duplicate id in this file)."),
            )
        self.seen.add(key)

    def obligation(self, row: Row, column: str = "obligation_external_id") -> Obligation:
        external_id = row.text(column, required=True)
        obligation = (
            Obligation.objects.select_related("party", "kind")
            .filter(source=self.source, external_id=external_id)
            .first()
        )
        if obligation is None:
            raise RowError(
                column,
                _(
                    "Nie ma zobowiązania o tym identyfikatorze; najpierw zaimportuj zobowiązania "
                    "(unknown obligation; import obligations first)."
                ),
            )
        return obligation

    # obligations ------------------------------------------------------------------

    def import_obligations(self, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        self.once(external_id, "external_id")
        code = row.text("kind", required=True)
        kind = ObligationKind.objects.filter(code=code).first()
        if kind is None:
            raise RowError(
                "kind",
                _("Nieznany rodzaj zobowiązania %(code)s (unknown obligation kind).")
                % {"code": code[:40]},
            )
        year = row.integer("year", low=2000, high=2100)
        amount = row.amount("amount", minimum=ZERO)
        bank_account = _validated(row, "bank_account", validate_nrb, normalise_nrb)
        values = {
            "kind": kind,
            "year": year,
            "amount": amount,
            "bank_account": bank_account,
            "document_number": row.text("document_number"),
            "document_date": row.date("document_date", required=False),
            "description": row.text("description"),
        }
        party, identifiers = _find_party(row)
        if party is None:
            party = _create_party(row, identifiers)
        values["party"] = party
        obligation = (
            Obligation.objects.select_for_update()
            .filter(source=self.source, external_id=external_id)
            .first()
        )
        if obligation is None:
            obligation = Obligation(source=self.source, external_id=external_id, **values)
            _clean_model(obligation)
            obligation.save()
            return IMPORTED
        changed = _changed(obligation, values)
        if not changed:
            return UNCHANGED
        _clean_model(obligation)
        obligation.save()
        return UPDATED

    # components -------------------------------------------------------------------

    def import_components(self, row: Row) -> str:
        obligation = self.obligation(row)
        name = row.text("name", required=True)
        # A component is known by its name within the obligation ("budynki mieszkalne").
        self.once((obligation.pk, name.lower()), "name")
        values = {
            "base": row.amount("base", minimum=None, places=4, required=False),
            "unit": row.text("unit"),
            "rate": row.amount("rate", minimum=None, places=4, required=False),
            # A relief (ulga) may be a negative component.
            "amount": row.amount("amount", minimum=None),
        }
        component = obligation.components.filter(name=name).order_by("pk").first()
        if component is None:
            component = ObligationComponent(obligation=obligation, name=name, **values)
            _clean_model(component)
            component.save()
            return IMPORTED
        if not _changed(component, values):
            return UNCHANGED
        _clean_model(component)
        component.save()
        return UPDATED

    # installments -----------------------------------------------------------------

    def import_installments(self, row: Row, line: int) -> str:
        obligation = self.obligation(row)
        number = row.integer("number", low=1, high=366)
        self.once((obligation.pk, number), "number")
        values = {"due_date": row.date("due_date"), "amount": row.amount("amount")}
        self.touched.setdefault(obligation.pk, line)
        # Locked: book_payment changes ``paid`` and ``state`` of the same row.
        installment = (
            Installment.objects.select_for_update().filter(obligation=obligation, number=number)
        ).first()
        if installment is None:
            installment = Installment(obligation=obligation, number=number, **values)
            _clean_model(installment)
            installment.refresh_state()
            installment.save()
            return IMPORTED
        if not _changed(installment, values):
            return UNCHANGED
        _clean_model(installment)
        installment.refresh_state()
        installment.save(update_fields=["due_date", "amount", "state"])
        return UPDATED

    def check_schedules(self) -> None:
        for obligation in (
            Obligation.objects.select_related("party", "kind")
            .prefetch_related("installments")
            .filter(pk__in=self.touched)
        ):
            for problem in schedule_mismatches(obligation):
                self.report.issues.append(
                    RowIssue(
                        row=self.touched[obligation.pk],
                        column="due_date" if problem.number else "",
                        message=problem.message,
                        reference=obligation.external_id,
                        level="warning",
                    )
                )

    # payments ---------------------------------------------------------------------

    def import_payments(self, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        self.once(external_id, "external_id")
        booked_on = row.date("booked_on")
        amount = row.amount("amount")
        channel = row.text("channel", required=True).lower()
        if channel not in Payment.Channel.values:
            raise RowError(
                "channel",
                _("Nieznany sposób zapłaty; dozwolone: %(values)s (unknown channel).")
                % {"values": ", ".join(Payment.Channel.values)},
            )
        party, _identifiers = _find_party(row)
        if party is None:
            raise RowError(
                "party_external_id",
                _("Nieznana strona; najpierw zaimportuj jej zobowiązania (unknown party)."),
            )
        obligation = None
        if row.text("obligation_external_id"):
            obligation = self.obligation(row)
            if obligation.party_id != party.pk:
                raise RowError(
                    "obligation_external_id",
                    _("Zobowiązanie należy do innej strony (the obligation is another party's)."),
                )
        targets = self._targets(row, obligation)
        existing = Payment.objects.filter(source=self.source, external_id=external_id).first()
        if existing is not None:
            same = (
                existing.party_id == party.pk
                and existing.amount == amount
                and existing.booked_on == booked_on
            )
            if same:
                return UNCHANGED
            raise RowError(
                "external_id",
                _(
                    "Wpłata o tym identyfikatorze jest już zaksięgowana z innymi danymi; nie "
                    "zmieniono jej (already booked with different data; left unchanged)."
                ),
            )
        _payment, created = book_payment(
            party=party,
            amount=amount,
            channel=channel,
            source=self.source,
            external_id=external_id,
            booked_on=booked_on,
            targets=targets,
            obligation=obligation,
            title=row.text("title"),
        )
        return IMPORTED if created else UNCHANGED

    def _targets(self, row: Row, obligation: Obligation | None) -> list[Target]:
        raw = row.text("installments")
        if not raw:
            return []
        if obligation is None:
            raise RowError(
                "installments",
                _("Numery rat wymagają obligation_external_id (installments need an obligation)."),
            )
        numbers = []
        for part in re.split(r"[,\s]+", raw):
            if not part:
                continue
            if not part.isdigit():
                raise RowError(
                    "installments",
                    _("Numery rat oddziel przecinkami, np. 1,2 (comma-separated numbers)."),
                )
            numbers.append(int(part))
        by_number = {
            installment.number: installment.pk
            for installment in obligation.installments.filter(number__in=numbers)
        }
        unknown = [number for number in numbers if number not in by_number]
        if unknown:
            raise RowError(
                "installments",
                _("Zobowiązanie nie ma raty nr %(numbers)s (no such installment).")
                % {"numbers": ", ".join(map(str, unknown))},
            )
        return [Target(by_number[number]) for number in dict.fromkeys(numbers)]


def _reference(kind: str, row: Row) -> str:
    if kind in ("obligations", "payments"):
        own = row.text("external_id")
        party = _party_reference(row)
        return " / ".join(part for part in (own, party) if part)
    reference = row.text("obligation_external_id")
    extra = row.text("number") if kind == "installments" else row.text("name")
    return f"{reference} #{extra}" if kind == "installments" else f"{reference}: {extra}"[:80]


def import_file(
    kind: str, stream: IO[str], *, source: str = "import", dry_run: bool = False
) -> ImportReport:
    """Import one CSV file of ``kind`` (obligations, components, installments, payments)
    into the current town's schema; returns the report.

    Each row is its own savepoint: a rejected row leaves the others be. With ``dry_run``
    everything is validated and counted, then rolled back.
    Raises :class:`ImportFileError` when the file as a whole cannot be read.
    """
    if kind not in FORMATS:
        raise ImportFileError(
            _("Nieznany rodzaj pliku %(kind)s (unknown file kind).") % {"kind": kind}
        )
    report = ImportReport(kind=kind, source=source, dry_run=dry_run)
    importer = Importer(kind, source, report)
    with transaction.atomic() if dry_run else nullcontext():
        for line, row in read_rows(stream, FORMATS[kind]):
            if isinstance(row, RowError):
                report.rejected += 1
                report.issues.append(RowIssue(line, row.column, row.message))
                continue
            try:
                with transaction.atomic():
                    if kind == "installments":
                        outcome = importer.import_installments(row, line)
                    else:
                        outcome = getattr(importer, f"import_{kind}")(row)
            except RowError as error:
                report.rejected += 1
                report.issues.append(
                    RowIssue(line, error.column, error.message, _reference(kind, row))
                )
                continue
            except IntegrityError:
                report.rejected += 1
                report.issues.append(
                    RowIssue(
                        line,
                        "",
                        _(
                            "Konflikt z równoległym zapisem; zaimportuj plik ponownie "
                            "(conflict with a concurrent change; import again)."
                        ),
                        _reference(kind, row),
                    )
                )
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if kind == "installments":
            importer.check_schedules()
        if dry_run:
            transaction.set_rollback(True)
    report.issues.sort(key=lambda issue: (issue.row, issue.level != "rejected"))
    return report
