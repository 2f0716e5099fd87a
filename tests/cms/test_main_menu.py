"""The header's main menu marks where the page is (``aria-current``): "page" on the link
of the page itself, "true" on the section a page lies in. It is rendered once per town,
language and marking (a town fragment keyed by the marks), so every page must still get
its own marks, and a town only its own menu."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Page

from cms.models import NewsPage
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

ZEMBRZYCE, GLOGOW = "zembrzyce.localhost", "glogow.localhost"
LINK = re.compile(r'<a href="[^"]*"(?: aria-current="(\w+)")?>([^<]+)</a>')


def _marks(host: str, path: str) -> dict[str, str]:
    """The menu's links (their text) with their aria-current ('' for none)."""
    html = host_client(host).get(path).content.decode()
    nav = html[html.index('<nav class="site-nav"') :]
    nav = nav[: nav.index("</nav>")]
    return {text: current for current, text in LINK.findall(nav)}


def test_each_page_marks_its_own_place_in_the_menu(towns):
    home = _marks(ZEMBRZYCE, "/")
    assert home["Strona główna"] == "page"
    assert set(home.values()) == {"page", ""}  # nothing else is current
    news = _marks(ZEMBRZYCE, "/aktualnosci/")
    assert news["Strona główna"] == ""
    assert news["Aktualności"] == "page"
    with schema_context("zembrzyce"):
        article = NewsPage.objects.live().first()
    inside = _marks(ZEMBRZYCE, article.url)
    assert inside["Aktualności"] == "true"  # within the section, not the section itself
    assert "page" not in inside.values()
    # Back on the home page: its own marks again, not the last page's.
    assert _marks(ZEMBRZYCE, "/?again=1") == home


def test_a_resident_page_marks_nothing_in_the_menu(towns):
    # The login page is off the page tree: no menu link is current.
    assert set(_marks(ZEMBRZYCE, "/logowanie/").values()) == {""}


def _menu_titles(schema: str) -> list[str]:
    with schema_context(schema):
        home = Page.objects.get(depth=2, locale__language_code="pl")
        return [p.title for p in home.get_children().live().in_menu()]


@pytest.mark.parametrize(("host", "schema"), [(ZEMBRZYCE, "zembrzyce"), (GLOGOW, "glogow")])
def test_each_town_gets_its_own_menu(towns, host, schema):
    _marks(ZEMBRZYCE, "/")  # Zembrzyce's menu rendered first in this process
    shown = [title for title in _marks(host, "/") if title != "Strona główna"]
    assert shown == _menu_titles(schema)
