"""A resident's page costs a handful of queries: what the page shows of them, and the
shell around it (who is logged in, for whom they act, the unread count, the sections'
status) each read once. What only editors change — the town's Wagtail site, branding,
menu, footer links and active alerts — is remembered per town and process
(``eurzad.core.town_memo``), for no town but its own, and dropped on its next change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Locale, Page, Site

from cms.models import Alert, ContactPage, ServiceCategory
from eurzad.core.page_cache import GENERATION_KEY, bump_generation, local_pages
from eurzad.core.town_memo import TownMemo
from eurzad.identity.accounts import open_account
from eurzad.identity.demo import ensure_demo_account
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from themes.models import BrandingSettings

JAN_PESEL = "44051401359"  # known to the demo's Zembrzyce: obligations, cases, entries

# The lead tightens this once the search path is set once per request and sessions live
# in Redis: neither "SET search_path" nor the session's own read is counted here.
MAX_QUERIES = 10

RESIDENT_PAGES = [
    "/konto/",
    "/konto/zobowiazania/",
    "/konto/rozliczenie/",
    "/konto/wplaty/",
    "/konto/platnosci/",
    "/konto/sprawy/",
    "/konto/rejestry/",
    "/konto/powiadomienia/",
    "/konto/twoje-dane/",
    "/konto/aplikacja-mobilna/",
    "/konto/historia-logowania/",
]


def _counted(sql: str) -> bool:
    return not sql.startswith("SET search_path") and '"django_session"' not in sql


def _queries(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in captured.captured_queries if _counted(query["sql"])]


def _logged_in(host: str, schema: str, resident: Resident) -> Client:
    client = host_client(host)
    with schema_context(schema):
        client.force_login(resident.user)
    return client


@pytest.fixture
def jan(towns) -> Resident:
    with schema_context("zembrzyce"):
        party = Party.objects.get(pesel=JAN_PESEL)
        return open_account(party, first_name="Jan", last_name="Kowalski")


@pytest.fixture(params=["jan", "demo"])
def resident(request, jan) -> Resident:
    """Jan Kowalski (his own obligations, cases and entries; he represents nobody) or the
    demo resident (she represents a firm: the header offers to act for it)."""
    if request.param == "jan":
        return jan
    with schema_context("zembrzyce"):
        return ensure_demo_account()


@pytest.fixture
def resident_client(resident) -> Client:
    return _logged_in(ZEMBRZYCE_HOST, "zembrzyce", resident)


def _assert_few(client: Client, path: str, limit: int = MAX_QUERIES) -> None:
    client.get(path)  # the first request of a process fills the town's memo
    queries = _queries(client, path)
    assert len(queries) <= limit, "\n".join([f"{path}: {len(queries)}", *queries])


@pytest.mark.parametrize("path", RESIDENT_PAGES)
def test_a_resident_page_makes_few_queries(resident_client, path):
    _assert_few(resident_client, path)


def test_the_page_of_one_case_makes_few_queries(jan):
    with schema_context("zembrzyce"):
        case = jan.party.cases.order_by("pk").first()
    assert case is not None
    _assert_few(_logged_in(ZEMBRZYCE_HOST, "zembrzyce", jan), f"/konto/sprawy/{case.pk}/")


def test_the_page_of_one_obligation_makes_few_queries(resident, resident_client):
    with schema_context("zembrzyce"):
        obligation = resident.party.obligations.order_by("pk").first()
    assert obligation is not None
    # Eight of them are the view's own: it reads the obligation's payments twice (with
    # the obligation, for its balance, then with what each settled) — the view's to fix —
    # and the payments toward its unpaid installments, with their days, for the interest.
    _assert_few(resident_client, f"/konto/zobowiazania/{obligation.pk}/", MAX_QUERIES + 3)


def test_the_shell_reads_the_resident_once_and_mandates_only_of_who_has_any(
    resident, resident_client
):
    resident_client.get("/konto/")
    queries = _queries(resident_client, "/konto/")
    # The user, with their Resident and Party, and whether they represent anyone.
    assert sum(sql.startswith('SELECT "accounts_user"') for sql in queries) == 1
    assert not any('FROM "identity_resident"' in sql for sql in queries)
    mandates = sum(sql.startswith('SELECT "identity_representation"') for sql in queries)
    assert mandates == (1 if resident.is_demo else 0)  # only the demo resident has one
    assert sum('FROM "notifications_notification"' in sql for sql in queries) == 1
    remembered = ("wagtailcore_site", "wagtailcore_page", "wagtailcore_locale",
                  "themes_brandingsettings", "wagtailimages_image", "cms_alert")  # fmt: skip
    for table in remembered:
        assert not any(f'"{table}"' in sql for sql in queries), table


# --- The per-town memo: each town its own, each change seen on the town's next request.


@pytest.fixture
def uncached_pages(settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0  # these tests look at rendered pages, not stored ones


@pytest.fixture
def both_towns(towns, uncached_pages) -> Iterator[tuple[Client, Client]]:
    zembrzyce, glogow = host_client(ZEMBRZYCE_HOST), host_client(GLOGOW_HOST)
    for client in (zembrzyce, glogow):
        assert client.get("/").status_code == 200  # both towns' values remembered
    yield zembrzyce, glogow


def _html(client: Client, path: str = "/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _save_branding(schema: str, **fields: str) -> None:
    with schema_context(schema):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        for name, value in fields.items():
            setattr(branding, name, value)
        branding.save()


def test_branding_is_remembered_per_town_and_a_change_shows_at_once(both_towns):
    zembrzyce, glogow = both_towns
    with CaptureQueriesContext(connection) as captured:
        _html(zembrzyce)
    assert not any("themes_brandingsettings" in q["sql"] for q in captured.captured_queries)

    _save_branding("zembrzyce", display_name="Gmina Zembrzyce po zmianie", tagline="Nowy podpis")

    html = _html(zembrzyce)
    assert "Gmina Zembrzyce po zmianie" in html and "Nowy podpis" in html
    with CaptureQueriesContext(connection) as captured:
        html = _html(glogow)
    assert "po zmianie" not in html and "Nowy podpis" not in html
    assert "Miasto Głogów" in html
    # Głogów's remembered branding survived Zembrzyce's change: not read again.
    assert not any("themes_brandingsettings" in q["sql"] for q in captured.captured_queries)


def _footer(html: str) -> str:
    return html.split('<footer class="site-footer">')[1].split("</footer>")[0]


def test_the_footer_is_rendered_once_per_town_and_language_and_follows_a_change(both_towns):
    """The footer ({% town_fragment %}) is the town's, in the page's language, and a
    branding change shows in it at once, in its own town only."""
    zembrzyce, glogow = both_towns
    assert "Kontakt" in _footer(_html(zembrzyce)) and "Contact" in _footer(_html(zembrzyce, "/en/"))
    assert "Godziny pracy urzędu" in _footer(_html(zembrzyce))
    assert "Godziny pracy urzędu" not in _footer(_html(zembrzyce, "/en/"))
    glogow_footer = _footer(_html(glogow))

    _save_branding("zembrzyce", phone="+48 33 000 11 22", office_name="Urząd po zmianie")

    for path in ("/", "/kontakt/", "/en/"):
        footer = _footer(_html(zembrzyce, path))
        assert "+48 33 000 11 22" in footer and "Urząd po zmianie" in footer, path
    assert _footer(_html(glogow)) == glogow_footer
    assert "Urząd po zmianie" not in glogow_footer


def test_a_change_made_by_another_process_shows_within_the_recheck(both_towns, monkeypatch):
    zembrzyce, glogow = both_towns
    monkeypatch.setattr(local_pages, "recheck_seconds", 0)
    # Another process saved the branding: the row changed, and its town's generation in
    # Redis moved on, but nothing in this process was told.
    with schema_context("zembrzyce"):
        BrandingSettings.objects.update(display_name="Zmienione gdzie indziej")
        try:
            cache.incr(GENERATION_KEY)  # the town's key (tenant-aware cache keys)
        except ValueError:
            cache.set(GENERATION_KEY, 1, timeout=None)
    assert "Zmienione gdzie indziej" in _html(zembrzyce)
    assert "Zmienione gdzie indziej" not in _html(glogow)


def test_the_menu_is_remembered_per_town_and_a_published_page_shows_at_once(both_towns):
    zembrzyce, glogow = both_towns
    with schema_context("zembrzyce"):
        home = Site.objects.get(is_default_site=True).root_page.specific
        page = Page(title="Nowy dział w menu", slug="nowy-dzial", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()

    html = _html(zembrzyce)
    nav = html[html.index('<nav class="site-nav"') :]
    assert 'href="/nowy-dzial/"' in nav[: nav.index("</nav>")]
    assert "Nowy dział w menu" not in _html(glogow)


def test_footer_links_follow_a_renamed_contact_page_in_its_town_only(both_towns):
    zembrzyce, glogow = both_towns
    with schema_context("zembrzyce"):
        contact = ContactPage.objects.live().filter(locale__language_code="pl").first()
        assert contact is not None
        contact.title = "Kontakt z urzędem gminy"
        contact.save_revision().publish()

    footer = _html(zembrzyce).split('<footer class="site-footer">')[1]
    assert "Kontakt z urzędem gminy" in footer
    assert "Kontakt z urzędem gminy" not in _html(glogow)


def test_alerts_are_remembered_per_town_and_a_new_one_shows_at_once(both_towns):
    zembrzyce, glogow = both_towns
    with schema_context("zembrzyce"):
        Alert.objects.create(
            title="Przerwa w dostawie wody",
            message="Awaria wodociągu.",
            valid_until=timezone.now() + timedelta(hours=2),
        )
    assert "Przerwa w dostawie wody" in _html(zembrzyce, "/kontakt/")
    assert "Przerwa w dostawie wody" not in _html(glogow, "/kontakt/")


def _language_switch(html: str) -> str:
    switch = html[html.index('<ul class="language-switch"') :]
    return switch[: switch.index("</ul>")]


def test_the_language_switch_follows_a_new_translation_in_its_town_only(both_towns):
    zembrzyce, glogow = both_towns
    for client in both_towns:
        assert 'href="/en/"' in _language_switch(_html(client, "/kontakt/"))  # remembered
    with schema_context("zembrzyce"):
        contact = ContactPage.objects.live().filter(locale__language_code="pl").first()
        english = contact.copy_for_translation(Locale.objects.get(language_code="en"))
        english.save_revision().publish()

    assert f'href="/en/{english.slug}/"' in _language_switch(_html(zembrzyce, "/kontakt/"))
    assert 'href="/en/"' in _language_switch(_html(glogow, "/kontakt/"))


def test_the_catalogues_filters_follow_a_new_category_in_its_town_only(both_towns):
    zembrzyce, glogow = both_towns
    for client in both_towns:
        assert "Sprawy zwierząt" not in _html(client, "/katalog-uslug/")  # remembered
    with schema_context("zembrzyce"):
        ServiceCategory.objects.create(name="Sprawy zwierząt", slug="sprawy-zwierzat")

    assert 'value="sprawy-zwierzat"' in _html(zembrzyce, "/katalog-uslug/")
    assert "Sprawy zwierząt" not in _html(glogow, "/katalog-uslug/")


def test_the_wagtail_site_is_remembered_per_town_and_a_change_shows_at_once(both_towns):
    zembrzyce, glogow = both_towns
    with schema_context("glogow"):
        glogow_name = Site.objects.get(is_default_site=True).site_name
    with schema_context("zembrzyce"):
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Zembrzyce po zmianie"
        site.save()

    assert zembrzyce.get("/").wsgi_request._wagtail_site.site_name == "Zembrzyce po zmianie"
    assert glogow.get("/").wsgi_request._wagtail_site.site_name == glogow_name


def test_a_remembered_value_is_each_towns_own_and_ends_with_a_change_or_its_moment(towns):
    memo = TownMemo()
    built: list[str] = []

    def value(name: str):
        def build() -> str:
            built.append(name)
            return name

        return build

    with schema_context("zembrzyce"):
        assert memo.remember("key", value("zembrzyce")) == "zembrzyce"
        assert memo.remember("key", value("again")) == "zembrzyce"
    with schema_context("glogow"):
        assert memo.remember("key", value("glogow")) == "glogow"
    with schema_context("zembrzyce"):
        bump_generation()
        assert memo.remember("key", value("changed")) == "changed"
    with schema_context("glogow"):
        assert memo.remember("key", value("glogow again")) == "glogow"
        past = timezone.now() - timedelta(seconds=1)
        assert memo.remember_until("until", lambda: ("ended", past)) == "ended"
        assert memo.remember_until("until", lambda: ("rebuilt", None)) == "rebuilt"
    assert built == ["zembrzyce", "glogow", "changed"]
