"""``{% load money %}``: ``{{ amount|pln }}`` → ``1 234,50 zł``; ``{{ amount|amount }}`` →
``1 234,50``."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from eurzad.finance.money import format_pln

register = template.Library()


@register.filter
def pln(value: Decimal | None) -> str:
    return "—" if value is None or value == "" else format_pln(Decimal(value))


@register.filter
def number(value: Decimal | None) -> str:
    """``120.5000`` → ``120,5``; no trailing zeros, a decimal comma; "—" when empty."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


@register.filter
def amount(value: Decimal | None) -> str:
    """``1234.5`` → ``1 234,50``, without the currency: for a table whose caption says
    its amounts are in złoty; "—" when empty."""
    return pln(value).removesuffix("\u00a0zł")


@register.filter
def overdue(value: Decimal | None) -> SafeString | str:
    """Arrears in a table cell: the amount, and when there is any, in bold with the words
    "zaległość" (not only a colour) — a filter, not an include: Moje zobowiązania shows
    it on every row."""
    if not value:
        return pln(value)
    return format_html(
        '<strong>{}</strong> <span class="status-tag status-tag--overdue">{}</span>',
        pln(value),
        _("zaległość"),
    )
