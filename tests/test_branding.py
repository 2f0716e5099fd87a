"""Branding keeps WCAG contrast and makes the towns look different."""

import pytest
from django.core.exceptions import ValidationError

from themes.colours import contrast_ratio, validate_non_text_contrast, validate_text_contrast
from themes.presets import PRESETS


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("preset", PRESETS.values(), ids=lambda p: p.key)
def test_every_preset_passes_its_own_contrast_rules(preset):
    validate_text_contrast(preset.primary_colour)
    validate_non_text_contrast(preset.accent_colour)


def test_light_primary_colour_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_text_contrast("#ffd700")
    text = " ".join(error.value.messages)
    assert "kontrast" in text and "co najmniej 4,5:1" in text


def test_malformed_colour_is_refused():
    with pytest.raises(ValidationError, match="#RRGGBB"):
        validate_text_contrast("green")


def test_branding_change_shows_at_once_despite_page_cache(towns, zembrzyce):
    from django_tenants.utils import schema_context
    from wagtail.models import Site

    from themes.models import BrandingSettings

    assert zembrzyce.get("/").status_code == 200
    assert zembrzyce.get("/")["X-Page-Cache"] == "hit"
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.tagline = "Nowy podpis gminy"
        branding.save()
    html = zembrzyce.get("/").content.decode()
    assert "Nowy podpis gminy" in html
