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


def test_the_header_shows_the_coat_of_arms_found_once_per_town(towns, zembrzyce, glogow):
    """The header's arms come with the town's remembered branding: the same rendition on
    every page, each town its own."""
    import re

    from django_tenants.utils import schema_context
    from wagtail.models import Site

    from themes.models import HEADER_ARMS_FILTER, BrandingSettings

    arms_of = {}
    for schema, client in (("zembrzyce", zembrzyce), ("glogow", glogow)):
        with schema_context(schema):
            image = BrandingSettings.for_site(Site.objects.get(is_default_site=True)).coat_of_arms
            arms_of[schema] = image.get_rendition(HEADER_ARMS_FILTER)
        for path in ("/", "/katalog-uslug/", "/kontakt/"):
            html = client.get(path, {"nocache": path}).content.decode()
            [img] = re.findall(r'<img [^>]*class="site-brand__arms"[^>]*>', html)
            assert f'src="{arms_of[schema].url}"' in img
            assert 'height="80"' in img and 'alt=""' in img
    assert arms_of["zembrzyce"].url != arms_of["glogow"].url


def test_a_new_coat_of_arms_shows_at_once(towns, zembrzyce):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from django_tenants.utils import schema_context
    from wagtail.images.models import Image
    from wagtail.models import Site

    from eurzad.demo.arms import shield_png
    from themes.models import BrandingSettings

    assert zembrzyce.get("/").status_code == 200  # the old arms remembered
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        arms = Image(title="Nowy herb")
        arms.file = ImageFile(BytesIO(shield_png("#004080", "#ffd700", "N")), name="nowy.png")
        arms.save()
        branding.coat_of_arms = arms
        branding.save()
    html = zembrzyce.get("/").content.decode()
    assert "nowy" in html.split('class="site-brand__arms"')[0].rsplit("<img", 1)[1]


def test_each_request_gets_the_arms_remembered_for_its_town(towns):
    from django.test import RequestFactory
    from django_tenants.utils import schema_context

    from tests.conftest import ZEMBRZYCE_HOST
    from themes.models import BrandingSettings

    with schema_context("zembrzyce"):
        first, second = (
            BrandingSettings.for_request(RequestFactory().get("/", HTTP_HOST=ZEMBRZYCE_HOST))
            for _ in range(2)
        )
        assert first is not second  # a copy of its own for each request…
        assert first.header_arms is second.header_arms is not None  # …the same rendition
