"""Mój e-Urząd's sections come from the apps: each registers its own (from its
``AppConfig.ready``), the portal shows them in their declared order — and a new one plugs
in without editing the portal or any other app."""

from __future__ import annotations

import re

import pytest

from eurzad.core.account_area import (
    Section,
    SectionContext,
    register_section,
    registered_sections,
    unregister_section,
)
from tests.conftest import ZEMBRZYCE_HOST
from tests.finance import factories as f

MENU = [
    ("Twoje dane", "/konto/twoje-dane/"),
    ("Zobowiązania i raty", "/konto/zobowiazania/"),
    ("Rozliczenie", "/konto/rozliczenie/"),
    ("Wpłaty", "/konto/wplaty/"),
    ("Moje wpisy w rejestrach", "/konto/rejestry/"),
    ("Płatności internetowe", "/konto/platnosci/"),
    ("Moje wnioski", "/konto/wnioski/"),
    ("Moje sprawy", "/konto/sprawy/"),
    ("Powiadomienia", "/konto/powiadomienia/"),
    ("Aplikacja mobilna", "/konto/aplikacja-mobilna/"),
    ("Historia logowania", "/konto/historia-logowania/"),
]


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


@pytest.fixture
def plugged_in():
    """A section of an app that exists only in this test, between the registers (40) and
    the online payments (50); its status is built from what the portal passes it."""

    def build(context: SectionContext) -> Section:
        return Section(
            "Psy i koty",
            "/konto/zwierzeta/",
            "Opłata od posiadania psa i rejestr zwierząt.",
            status=f"Dla: {context.party.display_name}",
        )

    register_section("test-pets", 45, build)
    register_section("test-hidden", 46, lambda context: None)  # not shown on this request
    yield
    unregister_section("test-pets")
    unregister_section("test-hidden")


def _menu(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="account-nav"') :]
    nav = nav[: nav.index("</nav>")]
    links = re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)<', nav)[1:]  # after "Start"
    return [(url, title.strip()) for url, title in links]


def test_every_app_registers_its_own_section_in_the_menus_order(client):
    html = client.get("/konto/").content.decode()
    assert _menu(html) == [(url, title) for title, url in MENU]
    keys = [section.key for section in registered_sections()]
    assert keys[:11] == [
        "profile",
        "obligations",
        "balances",
        "payments",
        "registers",
        "online-payments",
        "applications",
        "cases",
        "notifications",
        "mobile-app",
        "login-history",
    ]


def test_a_section_plugs_in_without_editing_any_other_app(plugged_in, client):
    response = client.get("/konto/")
    assert response.status_code == 200
    html = response.content.decode()
    card = (
        '<h3 class="account-section__title"><a href="/konto/zwierzeta/">Psy i koty</a></h3>\n'
        '    <p class="account-section__description">Opłata od posiadania psa i rejestr '
        "zwierząt.</p>\n"
        '    <p class="account-section__status"><span class="status-tag status-tag--new">'
        "Dla: Anna Nowak</span></p>"
    )
    assert card in html
    menu = _menu(html)
    position = menu.index(("/konto/zwierzeta/", "Psy i koty"))
    assert menu[position - 1] == ("/konto/rejestry/", "Moje wpisy w rejestrach")
    assert menu[position + 1] == ("/konto/platnosci/", "Płatności internetowe")
    assert "(Dla: Anna Nowak)" in html  # its status in the menu too
    assert len(menu) == len(MENU) + 1  # the section that built None is not shown

    other_page = client.get("/konto/twoje-dane/").content.decode()
    assert ("/konto/zwierzeta/", "Psy i koty") in _menu(other_page)


def test_a_section_key_is_registered_once(plugged_in):
    with pytest.raises(ValueError, match="already registered"):
        register_section("test-pets", 45, lambda context: None)


def test_the_section_being_shown_is_marked_current(client):
    html = client.get("/konto/wplaty/").content.decode()
    nav = html[html.index('<nav class="account-nav"') :]
    assert '<a href="/konto/wplaty/" aria-current="page">Wpłaty' in nav
    assert nav.count('aria-current="page"') == 1
