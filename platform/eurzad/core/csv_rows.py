"""Reading the towns' CSV import files, row by row, and reporting what became of each row.

Every import (finance, cases, register entries, budget) follows the same rules: the file is
UTF-8 with ``;`` as the separator and a header row; a bad header rejects the whole file
(:class:`ImportFileError`); each data row is validated and saved in its own savepoint, so a
bad row is reported with its number, column and reason (Polish, English in parentheses)
and the rest of the file goes on; rows are upserts by an external id, so importing the same
file again changes nothing. :func:`import_rows` is that loop.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any, Literal, overload

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DELIMITER = ";"
VALUE_DOES_NOT_FIT = gettext_lazy("Wartość nie mieści się w polu, np. jest za długa.")
ZERO = Decimal("0")
IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"
CONCURRENT_WRITE = gettext_lazy("Konflikt z równoległym zapisem; zaimportuj plik ponownie.")


@dataclass(frozen=True)
class FileFormat:
    """The columns of one kind of import file: ``required`` ones, at least one of
    ``one_of`` (when given, e.g. the party identifiers) and ``optional`` ones. Columns
    not named here are passed through (a register's own fields)."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    #: Other names a header may give a column (e.g. Polish ones: "rozdział" → "rozdzial").
    aliases: Mapping[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.one_of + self.optional


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

    def reject(self, line: int, error: RowError, reference: str = "") -> None:
        """Count the row as rejected and record why."""
        self.rejected += 1
        self.issues.append(RowIssue(line, error.column, error.message, reference))

    def warn(self, line: int, column: str, message: str, reference: str = "") -> None:
        """Record a warning: the row was imported, but the office should check it."""
        self.issues.append(RowIssue(line, column, message, reference, level="warning"))

    @property
    def warnings(self) -> list[RowIssue]:
        return [issue for issue in self.issues if issue.level == "warning"]

    @property
    def rejections(self) -> list[RowIssue]:
        return [issue for issue in self.issues if issue.level == "rejected"]

    def summary(self) -> str:
        prefix = _("PRÓBA, nic nie zapisano: ") if self.dry_run else ""
        return prefix + _(
            "nowe %(imported)d, zmienione %(updated)d, bez zmian %(unchanged)d, odrzucone "
            "%(rejected)d, ostrzeżenia %(warnings)d"
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
            label = _("ODRZUCONY") if issue.level == "rejected" else _("OSTRZEŻENIE")
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
    return RowError(column, _("Brak wartości w kolumnie."))


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

    def checked(self, column: str, validator: Callable[[str], None],
                normalise: Callable[[str], str]) -> str:  # fmt: skip
        """The column's value checked by ``validator`` (a Django validator, e.g. PESEL's)
        and normalised; "" when empty."""
        raw = self.text(column)
        if not raw:
            return ""
        try:
            validator(raw)
        except ValidationError as error:
            raise RowError(column, " ".join(error.messages)) from None
        return normalise(raw)

    @overload
    def amount(self, column: str, *, minimum: Decimal | None = ..., places: int = ...,
               required: Literal[True] = ...) -> Decimal: ...  # fmt: skip
    @overload
    def amount(self, column: str, *, minimum: Decimal | None = ..., places: int = ...,
               required: bool) -> Decimal | None: ...  # fmt: skip
    def amount(self, column: str, *, minimum: Decimal | None = Decimal("0.01"),
               places: int = 2, required: bool = True) -> Decimal | None:  # fmt: skip
        """A money amount; None only for an empty cell in a column that is not required."""
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
                    "%(places)d miejsca po przecinku, bez separatora tysięcy."
                )
                % {"places": places},
            )
        try:
            value = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern rules it out
            raise RowError(column, _("Kwota ma zły format.")) from None
        if minimum is not None and value < minimum:
            if minimum > ZERO:
                message = _("Kwota musi być dodatnia.")
            else:
                message = _("Kwota nie może być ujemna.")
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
            raise RowError(column, _("Data ma zły format, oczekiwano RRRR-MM-DD.")) from None

    def integer(self, column: str, *, low: int, high: int) -> int:
        raw = self.text(column, required=True)
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise RowError(
                column,
                _("Oczekiwano liczby całkowitej %(low)d–%(high)d.") % {"low": low, "high": high},
            )
        return int(raw)


def read_rows(stream: IO[str], file_format: FileFormat) -> Iterator[tuple[int, Row | RowError]]:
    """``(line number, Row)`` for each data row, or ``(line number, RowError)`` for a row
    that does not fit the header. Raises :class:`ImportFileError` for a bad header."""
    reader = csv.reader(stream, delimiter=DELIMITER)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Plik jest pusty.")) from None
    except UnicodeDecodeError:
        raise ImportFileError(_("Plik nie jest w UTF-8.")) from None
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    names = [file_format.aliases.get(name, name) for name in names]
    missing = [column for column in file_format.required if column not in names]
    if missing:
        raise ImportFileError(
            _("Brak wymaganych kolumn w nagłówku: %(columns)s") % {"columns": ", ".join(missing)}
        )
    if file_format.one_of and not any(column in names for column in file_format.one_of):
        raise ImportFileError(
            _("Nagłówek musi mieć jedną z kolumn: %(columns)s")
            % {"columns": ", ".join(file_format.one_of)}
        )
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ImportFileError(
            _("Powtórzone kolumny w nagłówku: %(columns)s") % {"columns": ", ".join(duplicated)}
        )
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                yield (
                    line,
                    RowError("", _("Wiersz ma więcej pól niż nagłówek.")),
                )
                continue
            padded: list[str | None] = [*values, *[None] * (len(names) - len(values))]
            yield line, Row(dict(zip(names, padded, strict=True)))
    except UnicodeDecodeError:
        raise ImportFileError(_("Plik nie jest w UTF-8.")) from None
    except csv.Error as error:
        raise ImportFileError(
            _("Plik CSV jest uszkodzony w wierszu %(line)d.") % {"line": reader.line_num}
        ) from error


def clean_model(instance: Any, columns: dict[str, str] | None = None) -> None:
    """Run the model's validation; the first problem becomes a :class:`RowError` naming
    the column (``columns`` maps model field names to column names where they differ)."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        column = (columns or {}).get(field_name, "" if field_name == "__all__" else field_name)
        raise RowError(column, " ".join(messages)) from None


def set_changed(instance: Any, values: dict[str, Any]) -> list[str]:
    """Set the ``values`` that differ on ``instance``; returns the names of those changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


@contextmanager
def dry_run_transaction(dry_run: bool) -> Iterator[None]:
    """With ``dry_run`` everything inside is rolled back at the end; otherwise a no-op
    (each row commits on its own)."""
    if not dry_run:
        yield
        return
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def import_rows(
    report: ImportReport,
    rows: Iterable[tuple[int, Row | RowError]],
    import_row: Callable[[int, Row], str],
    reference: Callable[[Row], str] = lambda row: "",
) -> None:
    """Import each row with ``import_row(line, row)`` in its own savepoint and count its
    outcome (``imported``, ``updated`` or ``unchanged``) on ``report``; a row that does
    not fit the header, raises :class:`RowError` or collides with a concurrent write is
    recorded as rejected, with ``reference(row)`` telling the office which record it was."""
    for line, row in rows:
        if isinstance(row, RowError):
            report.reject(line, row)
            continue
        try:
            with transaction.atomic():
                outcome = import_row(line, row)
        except RowError as error:
            report.reject(line, error, reference(row))
            continue
        except IntegrityError:
            report.reject(line, RowError("", str(CONCURRENT_WRITE)), reference(row))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)


# --- rows that come from elsewhere than a file (the integration API) -----------------


def _as_text(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # 12.5 → "12.5"; a malformed amount is rejected by the parser
    if isinstance(value, str):
        if "\x00" in value:
            raise RowError("", _("Tekst zawiera znak NUL."))
        return value
    if isinstance(value, list) and all(isinstance(item, (int, str)) for item in value):
        return ",".join(str(item) for item in value)
    raise RowError("", _("Wartość musi być tekstem, liczbą lub listą liczb."))


def row_from_mapping(item: Any, *, nested: str = "") -> Row:
    """A :class:`Row` of a JSON object: keys lowercased, numbers and booleans as text,
    a list of numbers joined with commas (installment numbers). With ``nested`` (e.g.
    ``"values"`` of a register entry) that object's keys become columns too. The same
    parsers then judge the row as they judge a CSV row. Raises RowError for a value that
    is not a scalar."""
    if not isinstance(item, dict):
        raise RowError("", _("Pozycja musi być obiektem JSON."))
    values: dict[str, str | None] = {}
    for key, value in item.items():
        name = str(key).strip().lower()
        if nested and name == nested and isinstance(value, dict):
            for inner_key, inner_value in value.items():
                try:
                    values[str(inner_key).strip().lower()] = _as_text(inner_value)
                except RowError as error:
                    raise RowError(str(inner_key), error.message) from None
            continue
        try:
            values[name] = _as_text(value)
        except RowError as error:
            raise RowError(name, error.message) from None
    return Row(values)


def run_row(import_row: Callable[[int, Row], str], line: int, row: Row) -> str | RowError:
    """One row the way :func:`import_rows` does it: in its own savepoint; returns the
    outcome, or the RowError that rejected it (a concurrent write included)."""
    try:
        with transaction.atomic():
            return import_row(line, row)
    except RowError as error:
        return error
    except IntegrityError:
        return RowError("", str(CONCURRENT_WRITE))
    except DataError:
        return RowError("", str(VALUE_DOES_NOT_FIT))
