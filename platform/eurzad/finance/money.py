"""Money is Decimal with two places (złote and grosze), never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


class Digits(TypedDict):
    max_digits: int
    decimal_places: int


#: The digits of every amount field (models and serializers): up to 9 999 999 999,99 zł.
AMOUNT: Digits = {"max_digits": 12, "decimal_places": 2}


def money(value: Decimal | int | str) -> Decimal:
    """Round to grosze (half up, as Polish tax law rounds amounts)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_grosze(value: Decimal) -> int:
    return int(money(value) * 100)


def from_grosze(grosze: int) -> Decimal:
    return money(Decimal(grosze) / 100)


def format_pln(value: Decimal) -> str:
    """``1234.5`` → ``1 234,50 zł`` (Polish grouping with a non-breaking space)."""
    whole, _sep, cents = f"{money(value):.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    nbsp = "\u00a0"
    return f"{sign}{nbsp.join(groups) or '0'},{cents}{nbsp}zł"
