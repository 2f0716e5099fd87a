"""What the public budget pages show: sums by side and classification level, computed in
the database (a year has a few thousand lines; the page runs a fixed number of queries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from eurzad.core.csv_export import SafeCsvWriter
from eurzad.registers.budget.classification import dzial_name, paragraf_name, rozdzial_name
from eurzad.registers.budget.models import BudgetLine, BudgetYear

ZERO = Decimal("0.00")
INCOME, EXPENDITURE = BudgetLine.Side.INCOME, BudgetLine.Side.EXPENDITURE
CSV_COLUMNS = ["side", "dzial", "rozdzial", "paragraf", "description", "planned", "executed"]
#: The header of the file a visitor downloads: Polish, and read back by the import.
CSV_HEADER = ["strona", "dział", "rozdział", "paragraf", "opis", "plan", "wykonanie"]
CSV_SIDES = {INCOME: "dochody", EXPENDITURE: "wydatki"}


def percent(executed: Decimal, planned: Decimal) -> Decimal | None:
    """Execution as a percentage of the plan, one decimal place; None without a plan."""
    if not planned:
        return None
    return (executed * 100 / planned).quantize(Decimal("0.1"))


@dataclass
class Amounts:
    planned: Decimal = ZERO
    executed: Decimal = ZERO

    @property
    def percent(self) -> Decimal | None:
        return percent(self.executed, self.planned)


@dataclass
class YearSummary:
    budget_year: BudgetYear
    income: Amounts
    expenditure: Amounts

    @property
    def balance_planned(self) -> Decimal:
        return self.income.planned - self.expenditure.planned

    @property
    def balance_executed(self) -> Decimal:
        return self.income.executed - self.expenditure.executed


def _sum(field_name: str, side: str) -> Coalesce:
    return Coalesce(Sum(field_name, filter=Q(lines__side=side)), ZERO)


def year_summaries() -> list[YearSummary]:
    """Every budget year with its income and expenditure totals, newest first (1 query)."""
    years = BudgetYear.objects.annotate(
        income_planned=_sum("lines__planned", INCOME),
        income_executed=_sum("lines__executed", INCOME),
        expenditure_planned=_sum("lines__planned", EXPENDITURE),
        expenditure_executed=_sum("lines__executed", EXPENDITURE),
    ).order_by("-year")
    return [
        YearSummary(
            year,
            Amounts(year.income_planned, year.income_executed),
            Amounts(year.expenditure_planned, year.expenditure_executed),
        )
        for year in years
    ]


@dataclass
class Group:
    """One row of a breakdown: a dział, a rozdział or a single line (paragraf)."""

    code: str
    name: str
    planned: Decimal
    executed: Decimal
    percent: Decimal | None = None
    planned_width: Decimal = ZERO  # bar lengths, percent of the largest amount shown
    executed_width: Decimal = ZERO
    y: int = 0  # the row's offset in the chart
    note: str = ""  # a line's own description in the town's budget, when it says more


@dataclass
class SideBreakdown:
    side: str
    groups: list[Group] = field(default_factory=list)
    total: Amounts = field(default_factory=Amounts)

    @property
    def largest(self) -> Group | None:
        return max(self.groups, key=lambda group: group.planned, default=None)

    @property
    def chart_height(self) -> int:
        return len(self.groups) * CHART_ROW


CHART_ROW = 32  # px per row of the bar chart: a plan bar above an execution bar


def _scale(groups: list[Group]) -> None:
    top = max((max(group.planned, group.executed) for group in groups), default=ZERO)
    for index, group in enumerate(groups):
        group.y = index * CHART_ROW
        group.percent = percent(group.executed, group.planned)
        if top > 0:
            group.planned_width = (max(group.planned, ZERO) * 100 / top).quantize(Decimal("0.1"))
            group.executed_width = (max(group.executed, ZERO) * 100 / top).quantize(Decimal("0.1"))


def breakdown(
    budget_year: BudgetYear, *, dzial: str = "", rozdzial: str = ""
) -> dict[str, SideBreakdown]:
    """Income and expenditure of a year by dział; of one dział by rozdział; or of one
    rozdział by paragraf (its lines). One query."""
    lines: QuerySet[BudgetLine] = BudgetLine.objects.filter(budget_year=budget_year)
    sides: dict[str, SideBreakdown] = {side: SideBreakdown(side) for side in (INCOME, EXPENDITURE)}
    if rozdzial:
        rows: Iterable[Mapping[str, Any]] = (
            lines.filter(rozdzial=rozdzial)
            .order_by("side", "paragraf")
            .values("side", "paragraf", "description", "planned", "executed")
        )
        for row in rows:
            official = paragraf_name(row["side"], row["paragraf"])
            description = row["description"]
            sides[row["side"]].groups.append(
                Group(
                    row["paragraf"],
                    official or description,
                    row["planned"],
                    row["executed"],
                    note=description if official and description != official else "",
                )
            )
    else:
        level = "rozdzial" if dzial else "dzial"
        if dzial:
            lines = lines.filter(dzial=dzial)
        rows = (
            lines.values("side", level)
            .annotate(planned=Sum("planned"), executed=Sum("executed"))
            .order_by("side", level)
        )
        for row in rows:
            code = row[level]
            sides[row["side"]].groups.append(
                Group(
                    code,
                    dzial_name(code) if level == "dzial" else rozdzial_name(code),
                    row["planned"],
                    row["executed"],
                )
            )
    for side in sides.values():
        side.total = Amounts(
            sum((group.planned for group in side.groups), ZERO),
            sum((group.executed for group in side.groups), ZERO),
        )
        _scale(side.groups)
    return sides


def write_csv(budget_year: BudgetYear, stream: IO[str], *, decimal_comma: bool = True) -> None:
    """The year's lines in the import format: ``;``-separated, a Polish header, amounts
    with a decimal comma (with a dot when ``decimal_comma`` is false), no thousands
    separator; the import reads either back."""
    writer = SafeCsvWriter(stream, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    rows = (
        BudgetLine.objects.filter(budget_year=budget_year)
        .order_by("side", "rozdzial", "paragraf")
        .values_list(*CSV_COLUMNS)
    )

    def amount(value: Decimal) -> str:
        return str(value).replace(".", ",") if decimal_comma else str(value)

    for side, dzial, rozdzial, paragraf, description, planned, executed in rows.iterator(
        chunk_size=2000
    ):
        writer.writerow(
            [CSV_SIDES[side], dzial, rozdzial, paragraf, description, amount(planned),
             amount(executed)]
        )  # fmt: skip
