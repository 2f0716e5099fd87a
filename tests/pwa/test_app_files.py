"""The installable e-Urząd: each town's manifest and icons, the service worker and the
offline page, as the browser fetches them from the town's host."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django_tenants.utils import schema_context
from PIL import Image
from wagtail.models import Site

from tests.conftest import ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f
from themes.models import BrandingSettings

pytestmark = pytest.mark.django_db

REQUIRED_MEMBERS = {
    "name", "short_name", "start_url", "scope", "display", "theme_color",
    "background_color", "icons", "lang",
}  # fmt: skip


def _manifest(client) -> dict:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    return json.loads(response.content)


def _png(content: bytes) -> Image.Image:
    image = Image.open(BytesIO(content))
    assert image.format == "PNG"
    return image


def test_manifest_is_valid_json_with_every_member_an_installable_app_needs(zembrzyce):
    manifest = _manifest(zembrzyce)
    assert manifest.keys() >= REQUIRED_MEMBERS
    assert manifest["start_url"] == "/konto/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "pl"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {
        ("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")
    }  # fmt: skip
    assert all(icon["type"] == "image/png" for icon in manifest["icons"])


def test_each_town_installs_under_its_own_name_and_colour(zembrzyce, glogow):
    ours, theirs = _manifest(zembrzyce), _manifest(glogow)
    assert ours["name"] == "Gmina Zembrzyce" and ours["short_name"] == "Zembrzyce"
    assert theirs["name"] == "Miasto Głogów" and theirs["short_name"] == "Głogów"
    assert ours["theme_color"] != theirs["theme_color"]
    assert "Głog" not in json.dumps(ours, ensure_ascii=False)
    assert "Zembrzyc" not in json.dumps(theirs, ensure_ascii=False)
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
    assert ours["theme_color"] == branding.primary_colour


def test_manifest_follows_a_change_of_branding(zembrzyce):
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.primary_colour = "#5a2d82"
        branding.display_name = "Gmina Zembrzyce – e-Urząd"
        branding.save()
    manifest = _manifest(zembrzyce)
    assert manifest["theme_color"] == "#5a2d82"
    assert manifest["name"] == "Gmina Zembrzyce – e-Urząd"


def test_manifest_of_an_unknown_host_is_not_found(towns):
    assert host_client("nie-ma-takiej.localhost").get("/manifest.webmanifest").status_code == 404


@pytest.mark.parametrize("purpose", ["any", "maskable"])
def test_manifest_icons_are_pngs_of_the_sizes_they_claim(zembrzyce, purpose):
    for icon in _manifest(zembrzyce)["icons"]:
        if icon["purpose"] != purpose:
            continue
        response = zembrzyce.get(icon["src"])
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "public" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert _png(response.content).size == (width, height)


def test_icons_are_drawn_in_the_towns_colour(zembrzyce, glogow):
    def corner(client) -> tuple[int, ...]:
        return (
            _png(client.get("/pwa/ikona-512-maskable.png").content).convert("RGB").getpixel((2, 2))
        )

    assert corner(zembrzyce) != corner(glogow)


def test_apple_touch_icon_is_180_pixels_and_revalidated_by_etag(zembrzyce):
    response = zembrzyce.get("/pwa/ikona-180.png")
    assert _png(response.content).size == (180, 180)
    assert response["Cache-Control"] == "public, max-age=86400"
    again = zembrzyce.get("/pwa/ikona-180.png", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_icon_of_a_size_nobody_asks_for_is_not_found(zembrzyce):
    assert zembrzyce.get("/pwa/ikona-64.png").status_code == 404


def test_a_town_without_a_coat_of_arms_gets_its_initial(zembrzyce):
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.coat_of_arms = None
        branding.save()
    assert _png(zembrzyce.get("/pwa/ikona-192.png").content).size == (192, 192)


def test_service_worker_is_served_from_the_root_for_the_whole_host(zembrzyce):
    response = zembrzyce.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=31536000" not in response["Cache-Control"]
    body = response.content.decode()
    config = json.loads(body.split("\n", 1)[0].removeprefix("const EURZAD_PWA = ").rstrip(";"))
    assert "/offline/" in config["precache"]
    assert any(url.endswith("eurzad.css") for url in config["precache"])
    assert "/konto/zobowiazania/" in config["obligationsPaths"]
    assert "/logowanie/wyloguj/" in config["logoutPaths"]
    # Private files are never kept by the service worker.
    assert {"/konto/", "/pliki/", "/media/"} <= set(config["privatePrefixes"])
    for handled in ('"push"', '"notificationclick"', '"fetch"', '"install"', '"activate"'):
        assert handled in body


def test_service_worker_version_changes_with_the_towns_look(zembrzyce, glogow):
    def version(client) -> str:
        first_line = client.get("/sw.js").content.decode().split("\n", 1)[0]
        return json.loads(first_line.removeprefix("const EURZAD_PWA = ").rstrip(";"))["version"]

    before = version(zembrzyce)
    assert before != version(glogow)
    with schema_context("zembrzyce"):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.primary_colour = "#5a2d82"
        branding.save()
    assert version(zembrzyce) != before


def test_offline_page_is_polish_explains_the_data_may_be_old_and_links_to_retry(zembrzyce):
    response = zembrzyce.get("/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Brak połączenia z internetem" in html
    assert "Spróbuj ponownie" in html
    assert "mogą być nieaktualne" in html
    assert "stan na" in html
    assert 'src="/static/pwa/offline.js"' in html
    assert "<script>" not in html.split("</head>", 1)[1]  # no inline scripts of ours


def test_offline_page_is_never_kept_in_a_shared_cache(zembrzyce):
    first = zembrzyce.get("/offline/")
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    assert zembrzyce.get("/offline/").get("X-Page-Cache") is None  # not in the page cache


def test_offline_page_shows_nothing_of_the_logged_in_resident(towns):
    who = f.resident("zembrzyce", f.party("zembrzyce", first_name="Ewelina", last_name="Offline"))
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, who)
    html = client.get("/offline/").content.decode()
    assert "Ewelina" not in html and "Offline</strong>" not in html
    assert "Wyloguj" not in html
    assert 'name="eurzad-account"' not in html


def test_pages_link_the_manifest_theme_colour_and_home_screen_icon(zembrzyce):
    html = zembrzyce.get("/").content.decode()
    head = html.split("</head>", 1)[0]
    assert '<link rel="manifest" href="/manifest.webmanifest">' in head
    assert '<meta name="theme-color" content="#' in head
    assert '<link rel="apple-touch-icon" href="/pwa/ikona-180.png">' in head
    assert 'src="/static/pwa/pwa.js" defer' in head
    assert '<meta name="eurzad-account" content="">' in head  # nobody logged in


def test_pages_name_the_logged_in_person_only_by_an_opaque_marker(towns):
    anna = f.resident("zembrzyce", f.party("zembrzyce", first_name="Anna", last_name="Nowak"))
    ewa = f.resident("zembrzyce", f.party("zembrzyce", first_name="Ewa", last_name="Nowak"))

    def marker(who) -> str:
        head = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, who).get("/konto/").content.decode()
        return head.split('<meta name="eurzad-account" content="', 1)[1].split('"', 1)[0]

    anna_marker = marker(anna)
    assert anna_marker and anna_marker == marker(anna)
    assert anna_marker != marker(ewa)
    assert str(anna.user.pk) != anna_marker and "Anna" not in anna_marker


def test_a_glogow_host_serves_glogow_files_only(glogow):
    manifest = _manifest(glogow)
    assert "Zembrzyc" not in json.dumps(manifest, ensure_ascii=False)
    assert "Zembrzyc" not in glogow.get("/offline/").content.decode()


def test_push_toggle_is_hidden_until_its_script_finds_push_support(rf: RequestFactory):
    request = rf.get("/konto/powiadomienia/")
    html = Template('{% include "pwa/includes/push_toggle.html" %}').render(
        Context({"request": request, "csrf_token": "t0k3n"})
    )
    assert "data-push-toggle" in html and " hidden>" in html.split("data-push-toggle", 1)[1][:200]
    assert 'id="push-toggle-label">Powiadomienia w tej przeglądarce:' in html
    assert 'role="group" aria-labelledby="push-toggle-label"' in html
    assert 'aria-pressed="false">włącz</button>' in html
    assert 'aria-pressed="true">wyłącz</button>' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'data-key-url="/konto/powiadomienia/web-push/klucz/"' in html
    assert 'src="/static/pwa/push-toggle.js" defer' in html
