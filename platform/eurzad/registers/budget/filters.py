"""The query parameters of a budget year's page: the drill-down (see
:mod:`eurzad.core.query` for the rule on invalid values)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import QueryForm


class BudgetDrillDownQuery(QueryForm):
    """/budzet/<rok>/?dzial=&rozdzial= (a rozdział names its dział in its first digits)."""

    dzial = forms.RegexField(
        r"^\d{3}$", required=False, label=_("Dział"),
        error_messages={"invalid": _("Dział to trzy cyfry, np. 756.")},
    )  # fmt: skip
    rozdzial = forms.RegexField(
        r"^\d{5}$", required=False, label=_("Rozdział"),
        error_messages={"invalid": _("Rozdział to pięć cyfr, np. 75615.")},
    )  # fmt: skip


class BudgetCsvQuery(QueryForm):
    """/budzet/<rok>.csv?dziesietne=kropka: amounts with a decimal dot instead of the
    Polish comma."""

    dziesietne = forms.ChoiceField(
        required=False,
        label=_("Znak dziesiętny"),
        choices=[("", _("przecinek")), ("przecinek", _("przecinek")), ("kropka", _("kropka"))],
    )
