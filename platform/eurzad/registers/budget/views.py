"""The public budget pages of a town: /budzet/, /budzet/<rok>/ (drill-down by
``?dzial=`` and ``?rozdzial=``) and /budzet/<rok>.csv. Open to everyone; the schema is
the town, so a town only ever shows its own budget."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from eurzad.core.query import reads_query
from eurzad.core.requests import TenantRequest
from eurzad.finance.money import format_pln
from eurzad.registers.budget.classification import dzial_name, rozdzial_name
from eurzad.registers.budget.filters import BudgetCsvQuery, BudgetDrillDownQuery
from eurzad.registers.budget.models import BudgetYear
from eurzad.registers.budget.queries import (
    EXPENDITURE,
    INCOME,
    SideBreakdown,
    breakdown,
    write_csv,
    year_summaries,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SIDE_LABELS: dict[str, StrOrPromise] = {
    INCOME: gettext_lazy("Dochody"),
    EXPENDITURE: gettext_lazy("Wydatki"),
}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "budget/index.html", {"summaries": year_summaries()})


def _summary(side: SideBreakdown, level: str) -> str:
    """One or two sentences saying what the chart shows, for everyone (not only screen
    readers)."""
    label = _("Dochody") if side.side == INCOME else _("Wydatki")
    if not side.groups:
        return _("%(side)s: brak pozycji.") % {"side": label}
    text = _("%(side)s: plan %(planned)s, wykonanie %(executed)s") % {
        "side": label,
        "planned": format_pln(side.total.planned),
        "executed": format_pln(side.total.executed),
    }
    if side.total.percent is not None:
        text += _(" (%(percent)s%% planu)") % {"percent": str(side.total.percent).replace(".", ",")}
    text += "."
    largest = side.largest
    if largest is not None and len(side.groups) > 1:
        names = {
            "dzial": _("dział %(code)s %(name)s"),
            "rozdzial": _("rozdział %(code)s %(name)s"),
            "paragraf": _("paragraf %(code)s %(name)s"),
        }
        text += " " + _("Największa pozycja planu: %(what)s – %(amount)s.") % {
            "what": (names[level] % {"code": largest.code, "name": largest.name}).strip(),
            "amount": format_pln(largest.planned),
        }
    return text


@require_safe
@reads_query(BudgetDrillDownQuery)
def year_detail(request: TenantRequest, year: int) -> HttpResponse:
    budget_year = get_object_or_404(BudgetYear, year=year)
    filters = request.query.filters
    dzial, rozdzial = filters["dzial"], filters["rozdzial"]
    if rozdzial:
        dzial = rozdzial[:3]
    level = "paragraf" if rozdzial else "rozdzial" if dzial else "dzial"
    sides = breakdown(budget_year, dzial=dzial, rozdzial=rozdzial)
    if level != "dzial" and not any(side.groups for side in sides.values()):
        raise Http404
    sections = [
        {
            "side": side,
            "label": SIDE_LABELS[key],
            "summary": _summary(side, level),
            "slug": f"{key}",
        }
        for key, side in sides.items()
    ]
    return render(
        request,
        "budget/year.html",
        {
            "budget_year": budget_year,
            "years": list(BudgetYear.objects.values_list("year", flat=True)),
            "level": level,
            "dzial": dzial,
            "dzial_name": dzial_name(dzial) if dzial else "",
            "rozdzial": rozdzial,
            "rozdzial_name": rozdzial_name(rozdzial) if rozdzial else "",
            "sections": sections,
        },
    )


@require_safe
@reads_query(BudgetCsvQuery)
def year_csv(request: TenantRequest, year: int) -> HttpResponse:
    budget_year = get_object_or_404(BudgetYear, year=year)
    if request.query.errors:  # a page that says what is wrong, and the two right links
        return render(request, "budget/csv_options.html", {"budget_year": budget_year})
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheets then read the file as UTF-8
    # Polish number format (decimal comma) unless ?dziesietne=kropka asks for a dot.
    write_csv(budget_year, out, decimal_comma=request.query.filters["dziesietne"] != "kropka")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budzet-{budget_year.year}.csv"'
    return response
