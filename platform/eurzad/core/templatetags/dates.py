"""Dates on resident pages: shown Polish-style (``15.03.2026``), machine-readable in a
``<time>`` element for assistive technology; "—" when there is none."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

register = template.Library()

NONE = "—"


@register.filter
def day(value: date | datetime | None) -> SafeString | str:
    """``<time datetime="2026-03-15">15.03.2026</time>``"""
    if not value:
        return NONE
    if isinstance(value, datetime):
        value = localtime(value).date()
    return format_html('<time datetime="{}">{}</time>', value.isoformat(),
                       date_format(value, "d.m.Y"))  # fmt: skip


@register.filter
def moment(value: datetime | None, seconds: bool = False) -> SafeString | str:
    """``<time datetime="2026-03-15T10:05:00+01:00">15.03.2026 10:05</time>``; with
    ``moment:True`` the seconds too."""
    if not value:
        return NONE
    value = localtime(value)
    shown = date_format(value, "d.m.Y H:i:s" if seconds else "d.m.Y H:i")
    return format_html('<time datetime="{}">{}</time>', date_format(value, "c"), shown)
