"""Theme presets: starting points for a town's look, chosen at onboarding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ThemePreset:
    key: str
    label: StrOrPromise
    primary_colour: str
    accent_colour: str
    description: StrOrPromise


PRESETS: dict[str, ThemePreset] = {
    preset.key: preset
    for preset in (
        ThemePreset(
            "gorski",
            _("Górski – jasny nagłówek, herb pośrodku"),
            "#1e5631",
            "#a66f00",
            _("Spokojny układ dla gmin wiejskich: jasny nagłówek z pasem w kolorze gminy."),
        ),
        ThemePreset(
            "miejski",
            _("Miejski – ciemny pas nagłówka, menu w poziomie"),
            "#7a1d23",
            "#1f5fa8",
            _("Wyrazisty układ dla miast: pełny pas nagłówka w kolorze miasta."),
        ),
        ThemePreset(
            "klasyczny",
            _("Klasyczny – granatowy, urzędowy"),
            "#1f3d6b",
            "#b3261e",
            _("Neutralny układ dla każdej gminy."),
        ),
    )
}

DEFAULT_PRESET = "klasyczny"


def preset_choices() -> list[tuple[str, StrOrPromise]]:
    return [(preset.key, preset.label) for preset in PRESETS.values()]
