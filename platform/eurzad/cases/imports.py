"""CSV import of cases from the office's document management system (format:
docs/operators/cases.md), by the same rules as the finance import: every row in its own
savepoint, rejected rows reported with row, column and reason, upserts by (source,
external id) so the same file imported again changes nothing. A status different from
the stored one is recorded through :func:`eurzad.cases.services.change_status`, which
notifies the case's people once.
"""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _

from eurzad.cases.models import Case, CaseStatus
from eurzad.cases.services import change_status
from eurzad.core.csv_rows import (
    FileFormat,
    ImportFileError,
    ImportReport,
    Row,
    RowError,
    clean_model,
    dry_run_transaction,
    import_rows,
    read_rows,
)
from eurzad.parties.imports import PARTY_COLUMNS, find_party, party_reference

CASES_FORMAT = FileFormat(
    required=("external_id", "sign", "subject", "received_on", "status"),
    optional=(
        "jrwa_symbol",
        "department",
        "officer_name",
        "officer_contact",
        "legal_deadline",
        "expected_end",
        "closed_on",
        "resident_action",
    ),
    one_of=PARTY_COLUMNS,
)
TEXT_COLUMNS = ("sign", "subject", "jrwa_symbol", "department", "officer_name",
                "officer_contact", "resident_action")  # fmt: skip
DATE_COLUMNS = ("legal_deadline", "expected_end", "closed_on")

__all__ = ["CASES_FORMAT", "ImportFileError", "import_case_row", "import_cases"]


def import_case_row(row: Row, source: str) -> str:
    """Upsert the case of one row under ``source``; returns imported, updated or
    unchanged, or raises RowError. A new status goes through change_status."""
    party, _identifiers = find_party(row)
    if party is None:
        raise RowError(
            "party_external_id",
            _("Urząd nie zna tej strony; zaimportuj ją najpierw."),
        )
    code = row.text("status", required=True)
    status = CaseStatus.objects.filter(code=code).first()
    if status is None:
        raise RowError("status", _("Nieznany status sprawy."))
    values: dict[str, object] = {column: row.text(column) for column in TEXT_COLUMNS}
    values["received_on"] = row.date("received_on")
    for column in DATE_COLUMNS:
        values[column] = row.date(column, required=False)
    values["party"] = party
    for column in ("sign", "subject"):
        if not values[column]:
            raise RowError(column, _("Brak wartości w kolumnie."))
    external_id = row.text("external_id", required=True)
    case = Case.objects.filter(source=source, external_id=external_id).first()
    if case is None:
        case = Case(source=source, external_id=external_id, status=status, **values)
        clean_model(case)
        case.save()
        change_status(case, status)
        return "imported"
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, values[name])
    if changed:
        clean_model(case)
        case.save()
    if case.status_id != status.pk:
        change_status(case, status)
        return "updated"
    return "updated" if changed else "unchanged"


def import_cases(stream: IO[str], *, source: str = "import", dry_run: bool = False) -> ImportReport:
    """Import one CSV file of cases into the current town's schema; returns the report.
    Raises :class:`ImportFileError` when the file as a whole cannot be read."""
    report = ImportReport(kind="cases", source=source, dry_run=dry_run)
    with dry_run_transaction(dry_run):
        import_rows(report, read_rows(stream, CASES_FORMAT),
                    lambda line, row: import_case_row(row, source), party_reference)  # fmt: skip
    return report
