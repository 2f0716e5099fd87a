"""Every page is reachable: the home page's feature cards lead where they say, and every
page's footer leads to the public registers — in each town, to its own pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import host_client

pytestmark = pytest.mark.django_db

HOSTS = ["zembrzyce.localhost", "glogow.localhost"]
CARD_LINK = re.compile(r'<li class="feature-list__item">\s*<h3><a href="([^"]+)">([^<]+)</a>')


def test_glogows_home_cards_are_links(towns):
    html = host_client("glogow.localhost").get("/").content.decode()
    links = dict((title, href) for href, title in CARD_LINK.findall(html))
    assert links["Budżet miasta"] == "/budzet/"
    assert links["Wyszukiwarka mienia"] == "/mienie/"
    assert links["Wniosek o dostęp"] == "/logowanie/"
    assert links["Wypróbuj bez rejestracji"] == "/logowanie/"


@pytest.mark.parametrize("host", HOSTS)
def test_every_home_card_leads_to_a_page_of_the_town(towns, host):
    client = host_client(host)
    html = client.get("/").content.decode()
    links = CARD_LINK.findall(html)
    assert links
    for href, title in links:
        response = client.get(href)
        # A resident's page asks an anonymous visitor to log in first.
        assert response.status_code in (200, 302), (title, href, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/logowanie/"), (title, href)


@pytest.mark.parametrize("host", HOSTS)
def test_the_footer_leads_to_the_public_registers(towns, host):
    client = host_client(host)
    for path in ("/", "/kontakt/"):
        assert '<a href="/rejestry/">Rejestry publiczne</a>' in client.get(path).content.decode()
    assert client.get("/rejestry/").status_code == 200
