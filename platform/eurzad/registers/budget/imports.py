"""CSV import of a year's budget plan and execution (format: docs/operators/budget.md).

Columns (separator ``;``, UTF-8, header row): ``side`` (``dochody``/``wydatki``, or
``income``/``expenditure``), ``dzial``, ``rozdzial``, ``paragraf``, ``planned`` and
optionally ``executed`` and ``description`` – or their Polish names (``strona``,
``dział``, ``rozdział``, ``paragraf``, ``plan``, ``wykonanie``, ``opis``), which the file
a visitor downloads from /budzet/<year>.csv has, so it can be imported back. Amounts with
a decimal comma or dot.

Like the finance import: each row is validated and saved in its own savepoint, a bad row
is reported with its line, column and reason (Polish, English in parentheses) and the
rest goes on. Rows are upserts by (year, side, rozdział, paragraf), so importing the same
file again changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import IO, Any

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
    dry_run_transaction,
    import_rows,
    read_rows,
    set_changed,
)
from eurzad.core.page_cache import bump_generation
from eurzad.registers.budget.classification import classification_errors
from eurzad.registers.budget.models import BudgetLine, BudgetYear

__all__ = ["BUDGET_FORMAT", "BudgetImporter", "ImportFileError", "import_budget", "reference"]

BUDGET_FORMAT = FileFormat(
    required=("side", "dzial", "rozdzial", "paragraf", "planned"),
    optional=("executed", "description"),
    # The Polish header of the file /budzet/<rok>.csv gives (queries.CSV_HEADER).
    aliases={
        "strona": "side",
        "dział": "dzial",
        "rozdział": "rozdzial",
        "opis": "description",
        "plan": "planned",
        "wykonanie": "executed",
    },
)
SIDES = {
    "dochody": BudgetLine.Side.INCOME,
    "dochód": BudgetLine.Side.INCOME,
    "d": BudgetLine.Side.INCOME,
    "income": BudgetLine.Side.INCOME,
    "wydatki": BudgetLine.Side.EXPENDITURE,
    "wydatek": BudgetLine.Side.EXPENDITURE,
    "w": BudgetLine.Side.EXPENDITURE,
    "expenditure": BudgetLine.Side.EXPENDITURE,
}


def _parse(row: Row) -> dict:
    side = SIDES.get(row.text("side", required=True).lower())
    if side is None:
        raise RowError("side", _("Strona to „dochody” albo „wydatki”."))
    values: dict[str, Any] = {
        "side": side,
        "dzial": row.text("dzial", required=True),
        "rozdzial": row.text("rozdzial", required=True),
        "paragraf": row.text("paragraf", required=True),
    }
    errors = classification_errors(**values)
    for column in ("dzial", "rozdzial", "paragraf"):
        if column in errors:
            raise RowError(column, errors[column])
    description = row.text("description")
    if len(description) > 300:
        raise RowError("description", _("Opis ma najwyżej 300 znaków."))
    values["description"] = description
    values["planned"] = row.amount("planned", minimum=Decimal("0"))
    # Execution may be negative (returns exceeding receipts), and absent in a plan.
    executed = row.amount("executed", minimum=None, required=False)
    values["executed"] = executed if executed is not None else Decimal("0.00")
    return values


class BudgetImporter:
    """The lines of one budget year; ``import_row`` upserts one row by (side, rozdział,
    paragraf) and refuses a classification already seen in this file (or API call)."""

    def __init__(self, budget_year: BudgetYear) -> None:
        self.budget_year = budget_year
        self.seen: dict[tuple[str, str, str], int] = {}

    def import_row(self, line_number: int, row: Row) -> str:
        values = _parse(row)
        key = (values["side"], values["rozdzial"], values["paragraf"])
        if key in self.seen:
            raise RowError(
                "paragraf",
                _("Ta sama klasyfikacja już wystąpiła w wierszu %(line)d.")
                % {"line": self.seen[key]},
            )
        self.seen[key] = line_number
        return _import_row(self.budget_year, values)


def _import_row(budget_year: BudgetYear, values: dict) -> str:
    key = {"side": values["side"], "rozdzial": values["rozdzial"], "paragraf": values["paragraf"]}
    line = BudgetLine.objects.filter(budget_year=budget_year, **key).first()
    if line is None:
        BudgetLine.objects.create(budget_year=budget_year, **values)
        return IMPORTED
    changed = set_changed(line, values)
    if not changed:
        return UNCHANGED
    line.save(update_fields=changed)
    return UPDATED


def import_budget(
    stream: IO[str],
    *,
    year: int,
    status: str | None = None,
    resolution_number: str = "",
    resolution_date: date | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import one year's budget lines from ``stream`` into the current town's schema.

    Creates the :class:`BudgetYear` when needed and updates its status and resolution
    when given. Raises :class:`ImportFileError` when the file as a whole is unreadable;
    with ``dry_run`` everything is checked and counted, then rolled back."""
    report = ImportReport(kind="budget", source=str(year), dry_run=dry_run)
    # Read the whole file first: a bad header or encoding must leave the year untouched.
    rows = list(read_rows(stream, BUDGET_FORMAT))
    with dry_run_transaction(dry_run):
        budget_year, _created = BudgetYear.objects.get_or_create(year=year)
        updates = {
            name: value
            for name, value in (
                ("status", status),
                ("resolution_number", resolution_number),
                ("resolution_date", resolution_date),
            )
            if value and getattr(budget_year, name) != value
        }
        if updates:
            for name, value in updates.items():
                setattr(budget_year, name, value)
            budget_year.save()
        import_rows(report, rows, BudgetImporter(budget_year).import_row, reference)
    if not dry_run and (report.imported or report.updated or updates):
        bump_generation()  # the public budget pages are in the page cache
    return report


def reference(row: Row) -> str:
    """Which line a row is about, for the report."""
    return " ".join(filter(None, (row.text("side"), row.text("rozdzial"), row.text("paragraf"))))
