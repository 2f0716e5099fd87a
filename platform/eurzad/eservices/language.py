"""A form's own words in the page's language: the English an editor gave (``label_en``,
``title_en``, ``name_en``…) on English pages, else the Polish."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def localised(thing: Any, attribute: str) -> str:
    polish = getattr(thing, attribute, "") or ""
    if (get_language() or "pl").startswith("en"):
        return getattr(thing, f"{attribute}_en", "") or polish
    return polish
