"""The query parameters of the resident's finance pages (see :mod:`eurzad.core.query`
for the rule on invalid values)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import QueryForm

FIRST_YEAR, LAST_YEAR = 1000, 9999  # a year is four digits


class ObligationsQuery(QueryForm):
    """Moje zobowiązania: ?rok= (a year with nothing in it shows every year)."""

    rok = forms.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, label=_("Rok"),
        error_messages={"invalid": _("Rok to cztery cyfry, np. 2026.")},
    )  # fmt: skip
