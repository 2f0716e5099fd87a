"""Page addresses are ASCII: Polish letters transliterated (never dropped), unique among
siblings, each town's pages on their own."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from cms.models import NewsIndexPage, NewsPage
from cms.models.slugs import ascii_slug

pytestmark = pytest.mark.django_db

TITLE = "Dyżur w sprawie podatków – Głogów, źródło, łąka"
SLUG = "dyzur-w-sprawie-podatkow-glogow-zrodlo-laka"


def _add_news(schema: str, **fields: str) -> NewsPage:
    with schema_context(schema):
        index = NewsIndexPage.objects.filter(locale__language_code="pl").get()
        page = NewsPage(lead="Krótko.", body="<p>Treść.</p>", **fields)
        index.add_child(instance=page)
        page.refresh_from_db()
        return page


def test_polish_letters_are_transliterated():
    assert ascii_slug(TITLE) == SLUG
    assert ascii_slug("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz-acelnoszz"
    assert ascii_slug("—") == ""


def test_the_admin_makes_ascii_slugs():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_a_page_without_a_slug_gets_one_from_its_title(towns):
    page = _add_news("zembrzyce", title=TITLE)
    assert page.slug == SLUG
    assert page.url_path.endswith(f"/{SLUG}/")


def test_a_slug_typed_with_diacritics_is_transliterated_and_kept_unique(towns):
    first = _add_news("zembrzyce", title="Pierwsza", slug="dyżur-źródło")
    second = _add_news("zembrzyce", title="Druga", slug="dyżur-źródło")
    assert first.slug == "dyzur-zrodlo"
    assert second.slug == "dyzur-zrodlo-2"
    assert second.url_path.endswith("/dyzur-zrodlo-2/")


def test_an_ascii_slug_is_left_as_given(towns):
    assert _add_news("zembrzyce", title=TITLE, slug="wlasny-adres").slug == "wlasny-adres"


def test_each_towns_pages_are_unique_only_among_their_own(towns):
    """The same title in two towns gives the same address in each (no "-2")."""
    assert _add_news("zembrzyce", title=TITLE).slug == SLUG
    assert _add_news("glogow", title=TITLE).slug == SLUG
