"""The query parameters of the resident's finance pages (see :mod:`eurzad.core.query`
for the rule on invalid values)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import QueryForm

FIRST_YEAR, LAST_YEAR = 1000, 9999  # a year is four digits


class ObligationsQuery(QueryForm):
    """Moje zobowiązania: ?rok= (a year with nothing in it shows every year)."""

    rok = forms.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, label=_("Rok"),
        error_messages={"invalid": _("Rok to cztery cyfry, np. 2026.")},
    )  # fmt: skip


#: How far ahead the "if I pay on…" calculator looks: rates further on are not known.
CALCULATOR_DAYS = 366


class PaymentDayQuery(QueryForm):
    """One obligation: ?na_dzien=YYYY-MM-DD, what it would take to pay it on that day."""

    na_dzien = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        label=_("Data wpłaty"),
        error_messages={"invalid": _("Podaj datę w postaci RRRR-MM-DD, np. 2026-12-20.")},
    )

    def clean_na_dzien(self) -> date | None:
        day = self.cleaned_data.get("na_dzien")
        today = timezone.localdate()
        if day is not None and day < today:
            raise ValidationError(_("Podaj dzisiejszą lub przyszłą datę wpłaty."))
        if day is not None and day > today + timedelta(days=CALCULATOR_DAYS):
            raise ValidationError(_("Kalkulator liczy odsetki najdalej rok naprzód."))
        return day
