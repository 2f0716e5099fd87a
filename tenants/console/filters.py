"""The query parameters of the operator console's lists (see :mod:`eurzad.core.query`
for the rule on invalid values: 400, the filter not applied, the form shows the error)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import PageNumberField, QueryForm, SearchTextField
from eurzad.finance.interest.table import RATE_REGIMES, TITLES
from tenants.models import Municipality

NAME_MAX = 100

# The town list's orderings (lifecycle.TOWN_ORDERINGS) as the operator reads them.
TOWN_ORDER_CHOICES = [
    ("nazwa", _("nazwa")),
    ("aktywnosc", _("ostatnia aktywność – najnowsza")),
    ("bez-aktywnosci", _("ostatnia aktywność – najdawniejsza lub brak")),
    ("utworzone", _("data utworzenia – najnowsze")),
]


class TownListQuery(QueryForm):
    """Gminy: ?q=&status=&sortuj=&strona="""

    q = SearchTextField(NAME_MAX, label=_("Szukaj (nazwa, TERYT, domena)"))
    status = forms.ChoiceField(required=False, label=_("Status"),
                               choices=[("", ""), *Municipality.Status.choices])  # fmt: skip
    sortuj = forms.ChoiceField(required=False, label=_("Kolejność"),
                               choices=[("", ""), *TOWN_ORDER_CHOICES])  # fmt: skip
    strona = PageNumberField()


class JobListQuery(QueryForm):
    """Zadania: ?strona="""

    strona = PageNumberField()


class AuditQuery(QueryForm):
    """Dziennik czynności: ?gmina=&operator=&strona="""

    gmina = SearchTextField(NAME_MAX, label=_("Gmina (nazwa lub schemat)"))
    operator = SearchTextField(NAME_MAX, label=_("Operator"))
    strona = PageNumberField()


class NewRateQuery(QueryForm):
    """Nowa stawka odsetek: ?rodzaj= (the regime chosen in the form to begin with)"""

    rodzaj = forms.ChoiceField(
        required=False,
        label=_("Rodzaj odsetek"),
        choices=[("", ""), *((regime, TITLES[regime]) for regime in RATE_REGIMES)],
    )
