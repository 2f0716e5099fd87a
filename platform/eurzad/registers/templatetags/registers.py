"""Showing register values of any field type."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(date.fromisoformat(value), "d.m.Y")
        except ValueError:
            return value
    return "" if value is None else str(value)


@register.simple_tag
def field_value(entry: Any, field: dict[str, Any]) -> str:
    """One public column of an entry (the view passes public fields only)."""
    return show_value(entry.values.get(field["name"])) if field.get("public") else ""
