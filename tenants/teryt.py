"""TERYT codes of gminas: 7 digits = voivodeship (2), powiat (2), gmina (2), kind (1).

The kind digit (GUS, TERC register): 1 urban gmina, 2 rural gmina, 3 urban-rural gmina,
4 town in an urban-rural gmina, 5 rural area of an urban-rural gmina,
8 district of the capital city of Warsaw, 9 delegation (dzielnica/delegatura) of a city.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VOIVODESHIPS: dict[str, str] = {
    "02": "dolnośląskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "łódzkie",
    "12": "małopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "śląskie",
    "26": "świętokrzyskie",
    "28": "warmińsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}

KIND_BY_DIGIT = {"1": "urban", "2": "rural", "3": "urban-rural"}

_TERYT_RE = re.compile(r"\d{7}")


def validate_teryt(value: str) -> None:
    """Refuse anything that is not the 7-digit TERYT code of a gmina."""
    if not _TERYT_RE.fullmatch(value or ""):
        raise ValidationError(
            _("Kod TERYT musi mieć dokładnie 7 cyfr."),
            code="teryt_format",
        )
    if value[:2] not in VOIVODESHIPS:
        raise ValidationError(
            _("Nieznany kod województwa %(code)s."),
            code="teryt_voivodeship",
            params={"code": value[:2]},
        )
    if value[6] not in KIND_BY_DIGIT:
        raise ValidationError(
            _("Ostatnia cyfra kodu TERYT gminy to 1, 2 lub 3."),
            code="teryt_kind",
        )


def voivodeship_for(teryt: str) -> str:
    return VOIVODESHIPS[teryt[:2]]


def kind_for(teryt: str) -> str:
    return KIND_BY_DIGIT[teryt[6]]
