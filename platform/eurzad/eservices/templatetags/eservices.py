"""``{{ spec|in_language:"label" }}``: a form's own words in the page's language."""

from __future__ import annotations

from typing import Any

from django import template

from eurzad.eservices.language import localised

register = template.Library()


@register.filter(name="in_language")
def in_language(thing: Any, attribute: str) -> str:
    return localised(thing, attribute)
