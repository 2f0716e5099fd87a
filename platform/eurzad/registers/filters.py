"""The query parameters of the public register pages and the property search (see
:mod:`eurzad.core.query` for the rule on invalid values)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import DecimalAmountField, PageNumberField, QueryForm, SearchTextField
from eurzad.registers.models import Property
from eurzad.registers.queries import MAX_QUERY, PropertyFilters

PRECINCT_MAX = 80
# As Property.area_m2 stores it: a larger number is no area of ours (and would overflow
# the database's numeric type).
AREA_DIGITS, AREA_PLACES = 12, 2


class RegisterEntriesQuery(QueryForm):
    """A public register's entries: ?q=&strona="""

    q = SearchTextField(MAX_QUERY, label=_("Szukana fraza (numer, nazwa, adres)"))
    strona = PageNumberField()


class PropertyQuery(QueryForm):
    """Wyszukiwarka mienia: ?q=&obreb=&oferta=&pow_od=&pow_do=&strona="""

    q = SearchTextField(MAX_QUERY, label=_("Numer działki, adres lub przeznaczenie"))
    obreb = forms.CharField(required=False, max_length=PRECINCT_MAX, label=_("Obręb"))
    oferta = forms.ChoiceField(required=False, choices=[("", ""), *Property.Offer.choices],
                               label=_("Oferta"))  # fmt: skip
    pow_od = DecimalAmountField(AREA_DIGITS, AREA_PLACES, label=_("Powierzchnia od (m²)"))
    pow_do = DecimalAmountField(AREA_DIGITS, AREA_PLACES, label=_("Powierzchnia do (m²)"))
    strona = PageNumberField()

    def property_filters(self) -> PropertyFilters:
        """The search's filters: the valid parameters only."""
        filters = self.filters
        return PropertyFilters(
            precinct=filters["obreb"],
            offer=filters["oferta"],
            area_min=filters["pow_od"],
            area_max=filters["pow_do"],
            text=filters["q"],
        )
