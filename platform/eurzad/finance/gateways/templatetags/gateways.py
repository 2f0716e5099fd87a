"""``{{ amount|pln }}``: money as Poles write it (1 234,50 zł)."""

from decimal import Decimal

from django import template

from eurzad.finance.money import format_pln

register = template.Library()


@register.filter
def pln(value: Decimal | None) -> str:
    return "" if value is None else format_pln(Decimal(value))
