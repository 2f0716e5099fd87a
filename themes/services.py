"""Default branding for a new town."""

from __future__ import annotations

from wagtail.models import Site

from themes.models import BrandingSettings
from themes.presets import DEFAULT_PRESET, PRESETS


def apply_default_branding(
    site: Site, municipality: object, preset_key: str = ""
) -> BrandingSettings:
    preset = PRESETS.get(preset_key or DEFAULT_PRESET, PRESETS[DEFAULT_PRESET])
    branding = BrandingSettings.for_site(site)
    branding.display_name = branding.display_name or str(municipality)
    branding.office_name = branding.office_name or f"Urząd – {municipality}"
    branding.theme_preset = preset.key
    branding.primary_colour = preset.primary_colour
    branding.accent_colour = preset.accent_colour
    branding.tagline = branding.tagline or "e-Urząd – sprawy urzędowe przez internet"
    branding.full_clean()
    branding.save()
    return branding
