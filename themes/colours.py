"""Colour checks so that a town's branding cannot break WCAG 2.1 AA contrast."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
WHITE = "#ffffff"


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.fullmatch(value or ""):
        raise ValidationError(
            _("Podaj kolor w zapisie #RRGGBB, np. #1e5631."),
            code="colour_format",
        )


def _require_contrast(value: str, minimum: float, message: StrOrPromise) -> None:
    validate_hex_colour(value)
    ratio = contrast_ratio(value, WHITE)
    if ratio < minimum:
        raise ValidationError(message, code="colour_contrast", params={"ratio": ratio})


def validate_text_contrast(value: str) -> None:
    """White text on this colour must reach 4.5:1 (WCAG 2.1 AA, 1.4.3)."""
    _require_contrast(
        value,
        4.5,
        _(
            "Biały tekst na tym kolorze ma kontrast %(ratio).1f:1, a wymagane jest co najmniej "
            "4,5:1. Wybierz ciemniejszy kolor."
        ),
    )


def validate_non_text_contrast(value: str) -> None:
    """Borders and focus rings in this colour must reach 3:1 on white (WCAG 1.4.11)."""
    _require_contrast(
        value,
        3,
        _("Ten kolor na białym tle ma kontrast %(ratio).1f:1, a wymagane jest co najmniej 3:1."),
    )
