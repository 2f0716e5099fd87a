"""The query parameters of the mobile API, checked by serializers: the schema declares
them from these classes, so what is documented is what is refused (400 naming the
parameter, as every invalid input of the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

SEARCH_MAX = 200
SLUG_MAX = 80
FIRST_YEAR, LAST_YEAR = 1000, 9999


class PartyQuery(serializers.Serializer):
    """``?strona_id=``: the Party the phone acts for."""

    strona_id = serializers.IntegerField(
        required=False, min_value=1,
        help_text=_("Strona, w której imieniu działasz (id z /mobile/me/); bez parametru "
                    "Twoje własne dane. 403 bez ważnego upoważnienia, 404 dla nieznanej "
                    "strony."),
        error_messages={"invalid": _("Podaj identyfikator strony (liczbę).")},
    )  # fmt: skip


class ObligationsQuery(PartyQuery):
    """The obligations of one year (``?rok=``), or of every year."""

    rok = serializers.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR,
        help_text=_("Tylko ten rok (cztery cyfry)."),
        error_messages={"invalid": _("Rok to cztery cyfry, np. 2026.")},
    )  # fmt: skip


class ServicesQuery(serializers.Serializer):
    """The town's service catalogue, searched and by category."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=SEARCH_MAX,
                              help_text=_("Szukaj w usługach."))  # fmt: skip
    kategoria = serializers.SlugField(required=False, allow_blank=True, max_length=SLUG_MAX,
                                      help_text=_("Slug kategorii."))  # fmt: skip
