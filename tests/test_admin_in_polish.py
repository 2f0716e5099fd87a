"""The admin is in Polish for the office's staff: every page of the menu each demo
account sees (editor, moderator, clerk) has no English word in its text: our columns
say "tak" / "nie", our fields have Polish names, and what Wagtail's own Polish catalogue
leaves in English is translated in locale/wagtail-overrides."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tenants.utils import schema_context

from eurzad.finance.models import ObligationKind
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.e2e.layout import english_words

#: Not read as text: scripts, styles, icons, and the options of a select (the time
#: zones of the account page are place names: "America/New_York", "Isle of Man").
SKIPPED = {"script", "style", "template", "svg", "option"}
MENU_URL = re.compile(r'"url": "(/admin/[^"]*)"')


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.mark.parametrize("username", ["redaktor", "moderator", "urzednik"])
@pytest.mark.parametrize(
    ("schema", "host"), [("zembrzyce", ZEMBRZYCE_HOST), ("glogow", GLOGOW_HOST)]
)
def test_every_admin_page_of_the_menu_is_in_polish(towns, schema, host, username):
    client = host_client(host, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # an English browser
    with schema_context(schema):
        client.force_login(get_user_model().objects.get(username=username))
    home = client.get("/admin/").content.decode()
    assert '<html lang="pl"' in home
    urls = sorted({"/admin/", *MENU_URL.findall(home.replace("&quot;", '"'))})
    assert len(urls) > 3, urls
    english = {}
    for url in urls:
        answer = client.get(url, follow=True)
        assert answer.status_code == 200, (url, answer.status_code)
        words = set(english_words(_text(answer.content.decode())))
        if words:
            english[url] = sorted(words)
    assert not english, json.dumps(english, ensure_ascii=False)


def test_a_page_the_system_published_is_reported_as_published_automatically(towns):
    """Wagtail's report of ageing pages names no publisher for the pages the onboarding
    and the demo published; it says so in Polish instead of Python's None."""
    client = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        client.force_login(get_user_model().objects.get(username="redaktor"))
    text = _text(client.get("/admin/reports/aging-pages/").content.decode())
    assert "automatycznie" in text and "None" not in text


@pytest.mark.parametrize("count", [1, 2, 5, 12, 22])
def test_the_count_under_a_listing_agrees_with_its_number(towns, count):
    from eurzad.core.admin_paginator import CountedPaginator

    paged = CountedPaginator(ObligationKind.objects.none(), 50)
    paged.__dict__["count"] = count  # as many as the case wants, without the rows
    expected = "Rodzaj zobowiązania" if count == 1 else "Rodzaje zobowiązań"
    assert paged.items_count_label == f"{expected}: {count}"
    listed = CountedPaginator(["a"] * count, 50)  # a list, not a queryset: no model
    with translation.override("pl"):
        assert listed.items_count_label == f"{'Pozycja' if count == 1 else 'Pozycje'}: {count}"


def test_the_admin_listing_shows_the_count_after_the_name(towns):
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        client.force_login(get_user_model().objects.get(username="redaktor"))
        count = ObligationKind.objects.count()
    html = " ".join(client.get("/admin/finance_kinds/").content.decode().split())
    assert f"Rodzaje zobowiązań: {count}" in html and f"{count} rodzaje" not in html
