"""Every response carries a strict Content-Security-Policy and a Permissions-Policy —
public pages (cached or not), the resident area, login, the app's files, the admin, the
console, the API's documentation, simulators, error and refusal pages, health checks and
static files — widened only where a page needs it, and never across towns."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tenants.utils import schema_context

from cms.models import NewsPage
from eurzad.core.csp import origin, path_exceptions, source_hash
from eurzad.finance.gateways.contrib.payu.plugin import PayU
from eurzad.finance.gateways.contrib.przelewy24.plugin import Przelewy24
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.identity.models import LoginGovConfig
from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

pytestmark = pytest.mark.django_db

TEST_URLCONFS = {
    "ROOT_URLCONF": "tests.core.town_urls",
    "PUBLIC_SCHEMA_URLCONF": "tests.core.platform_urls",
}


def policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The response's Content-Security-Policy as directive → sources."""
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def assert_strict(response) -> None:  # type: ignore[no-untyped-def]
    found = policy(response)
    assert found["default-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["form-action"] == ["'self'"]
    assert found["script-src"] == ["'self'"], found["script-src"]
    assert "'unsafe-inline'" not in found["style-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_permissions_policy(response) -> None:  # type: ignore[no-untyped-def]
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


EVERY_KIND = [
    (ZEMBRZYCE_HOST, "/", 200),
    (ZEMBRZYCE_HOST, "/en/", 200),
    (ZEMBRZYCE_HOST, "/aktualnosci/", 200),
    (ZEMBRZYCE_HOST, "/logowanie/", 200),
    (ZEMBRZYCE_HOST, "/konto/", 302),
    (ZEMBRZYCE_HOST, "/offline/", 200),
    (ZEMBRZYCE_HOST, "/sw.js", 200),
    (ZEMBRZYCE_HOST, "/manifest.webmanifest", 200),
    (ZEMBRZYCE_HOST, "/admin/login/", 200),
    (ZEMBRZYCE_HOST, "/api/v1/docs/?script", 200),
    (ZEMBRZYCE_HOST, "/api/v1/otwarte-dane/", 200),
    (ZEMBRZYCE_HOST, "/nie-ma-takiej-strony/", 404),
    (ZEMBRZYCE_HOST, "/static/themes/css/eurzad.css", 200),
    (ZEMBRZYCE_HOST, "/healthz", 200),
    (ZEMBRZYCE_HOST, "/symulator-push/", 200),
    (PLATFORM_HOST, "/", 200),
    (PLATFORM_HOST, "/konsola/logowanie/", 200),
    (PLATFORM_HOST, "/nie-ma-takiej-strony/", 404),
    (PLATFORM_HOST, "/symulator-wk/sesje/", 200),
    (PLATFORM_HOST, "/symulator-epuap/nadaj", 200),
    (PLATFORM_HOST, "/symulator-edoreczenia/adresaci/", 200),
    (PLATFORM_HOST, "/symulator-p24/powiadomienia/", 200),
    (PLATFORM_HOST, "/symulator-payu/powiadomienia/", 200),
    (PLATFORM_HOST, "/symulator-pz/podpis/" + "x" * 32, 404),
    ("nieznana.localhost", "/", 404),  # refused before routing
    ("nieznana.localhost", "/static/tenants/css/refusal.css", 200),
]


@pytest.mark.parametrize(("host", "path", "status"), EVERY_KIND)
def test_every_kind_of_response_carries_both_policies(towns, host, path, status):
    response = host_client(host).get(path)
    assert response.status_code == status
    assert_strict(response)
    assert_permissions_policy(response)


def test_a_refused_town_carries_both_policies(towns):
    Municipality.objects.filter(schema_name="glogow").update(status="suspended")
    try:
        response = host_client(GLOGOW_HOST).get("/")
    finally:
        Municipality.objects.filter(schema_name="glogow").update(status="active")
    assert response.status_code == 503
    assert_strict(response)
    assert_permissions_policy(response)


def test_a_cached_page_keeps_the_policy_it_was_rendered_with(towns):
    client = host_client(ZEMBRZYCE_HOST)
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert_strict(second)


@pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, GLOGOW_HOST])
def test_the_towns_colours_are_the_only_inline_style_and_only_its_own(towns, host):
    """Each town's inline <style> (its colours) is allowed by hash in its own policy, and
    no other town's is."""
    styles, policies = {}, {}
    for town in (ZEMBRZYCE_HOST, GLOGOW_HOST):
        response = host_client(town).get("/")
        found = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
        assert len(found) == 1, found
        styles[town], policies[town] = source_hash(found[0]), policy(response)
    assert styles[ZEMBRZYCE_HOST] != styles[GLOGOW_HOST]  # the towns' colours differ
    other = GLOGOW_HOST if host == ZEMBRZYCE_HOST else ZEMBRZYCE_HOST
    cached = host_client(host).get("/")
    assert cached["X-Page-Cache"] == "hit"
    for style_src in (policies[host]["style-src"], policy(cached)["style-src"]):
        assert style_src == ["'self'", styles[host]]
        assert styles[other] not in style_src


def test_no_inline_script_and_no_style_attribute_on_public_pages(towns):
    for path in ("/", "/aktualnosci/", "/logowanie/", "/offline/", "/nie-ma-takiej-strony/"):
        html = host_client(GLOGOW_HOST).get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html), path
        assert " style=" not in html, path


@override_settings(**TEST_URLCONFS)
def test_a_page_using_a_nonce_is_never_cached(towns):
    client = host_client(ZEMBRZYCE_HOST)
    first, second = client.get("/test-nonce/"), client.get("/test-nonce/")
    nonces = [policy(response)["script-src"] for response in (first, second)]
    assert all(any(s.startswith("'nonce-") for s in sources) for sources in nonces)
    assert nonces[0] != nonces[1]  # rendered afresh, a new nonce each time
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_the_login_page_posts_only_to_the_towns_own_login_node(towns):
    """The page that sends the SAML request to login.gov.pl allows that node's origin in
    form-action; every other page only its own site."""
    response = host_client(ZEMBRZYCE_HOST).post("/logowanie/start/")
    assert response.status_code == 200
    with schema_context("zembrzyce"):
        sso_url = LoginGovConfig.objects.get().sso_url
    assert policy(response)["form-action"] == ["'self'", origin(sso_url)]
    assert f'action="{sso_url}"' in response.content.decode()
    assert "data-auto-submit" in response.content.decode()
    assert policy(host_client(ZEMBRZYCE_HOST).get("/logowanie/"))["form-action"] == ["'self'"]


def test_the_cart_allows_posting_on_to_the_towns_gateway_only(towns):
    anna = f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    due = timezone.localdate() + timedelta(days=20)
    obligation = f.obligation("zembrzyce", anna.party, installments=[(due, "120.00")])
    installment = f.installments_of("zembrzyce", obligation)[0]
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    client.post("/konto/platnosci/koszyk/", {"installment": [installment.pk]})
    cart = client.get("/konto/platnosci/koszyk/")
    assert cart.status_code == 200
    with schema_context("zembrzyce"):
        config = GatewayConfig.objects.get(enabled=True)
    assert policy(cart)["form-action"] == ["'self'", *Przelewy24().payer_origins(config)]
    empty = f.logged_in(
        "zembrzyce", ZEMBRZYCE_HOST, f.resident("zembrzyce", f.party("zembrzyce"))
    ).get("/konto/platnosci/koszyk/")
    assert policy(empty)["form-action"] == ["'self'"]  # nothing to pay: no "Zapłać" form


@pytest.mark.parametrize(
    ("plugin", "environment", "api_base_url", "expected"),
    [
        (Przelewy24(), "production", "", ["https://secure.przelewy24.pl"]),
        (Przelewy24(), "sandbox", "", ["https://sandbox.przelewy24.pl"]),
        (Przelewy24(), "local", "", ["http://localhost:8000"]),
        (Przelewy24(), "production", "https://p24.example.pl/x/", ["https://p24.example.pl"]),
        (PayU(), "production", "", ["https://secure.payu.com"]),
        (PayU(), "sandbox", "", ["https://secure.snd.payu.com", "https://merch-prod.snd.payu.com"]),
        (PayU(), "local", "", ["http://localhost:8000"]),
    ],
)
def test_gateways_name_where_they_send_the_payer(plugin, environment, api_base_url, expected):
    config = GatewayConfig(gateway=plugin.code, environment=environment, api_base_url=api_base_url)
    with override_settings(
        P24_SIMULATOR_URL="http://localhost:8000/symulator-p24",
        PAYU_SIMULATOR_URL="http://localhost:8000/symulator-payu",
    ):
        assert plugin.payer_origins(config) == expected


def test_admin_pages_get_wagtails_exception_but_its_login_page_does_not(towns):
    client = host_client(ZEMBRZYCE_HOST)
    assert_strict(client.get("/admin/login/"))
    client.post(
        "/admin/login/",
        {"username": "redaktor", "password": towns[ZEMBRZYCE_HOST].editor_password},
    )
    with schema_context("zembrzyce"):
        news = NewsPage.objects.live().first()
    editor = client.get(f"/admin/pages/{news.pk}/edit/")
    assert editor.status_code == 200
    found = policy(editor)
    assert found["script-src"] == ["'self'", "'unsafe-inline'"]
    assert found["style-src"] == ["'self'", "'unsafe-inline'"]
    assert found["img-src"] == ["'self'", "data:", "blob:"]
    assert found["object-src"] == ["'none'"] and found["frame-ancestors"] == ["'none'"]
    # Wagtail's preview is framed by the editor: its own site only.
    preview = client.get(f"/admin/pages/{news.pk}/edit/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == ["'self'"]


def test_path_exceptions_take_the_longest_prefix():
    assert path_exceptions("/") == {}
    assert "'unsafe-inline'" in path_exceptions("/admin/pages/3/edit/")["script-src"]
    assert path_exceptions("/admin/login/") == {}
    assert path_exceptions("/api/v1/redoc/")["worker-src"] == ["'self'", "blob:"]


def test_api_documentation_gets_only_what_its_tools_need(towns):
    client = host_client(GLOGOW_HOST)
    swagger = client.get("/api/v1/docs/")
    assert policy(swagger)["script-src"] == ["'self'"]
    assert policy(swagger)["style-src"] == ["'self'"]
    assert "<script>" not in swagger.content.decode()  # its set-up comes from ?script
    assert "fonts.googleapis.com" not in client.get("/api/v1/redoc/").content.decode()
    assert policy(client.get("/api/v1/redoc/"))["script-src"] == ["'self'"]


def _crash(host: str):  # type: ignore[no-untyped-def]
    with override_settings(**TEST_URLCONFS):
        return Client(HTTP_HOST=host, raise_request_exception=False).get("/test-500/")


def test_a_town_shows_its_own_server_error_page(towns):
    response = _crash(ZEMBRZYCE_HOST)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Wystąpił błąd serwisu" in html and 'lang="en"' in html
    assert "Gmina Zembrzyce" in html and "Głogów" not in html
    assert "themes/css/eurzad.css" in html  # the town's site look, not Django's page
    assert_strict(response)
    assert "X-Page-Cache" not in response


def test_the_platform_host_shows_the_platforms_error_page(towns):
    response = _crash(PLATFORM_HOST)
    assert response.status_code == 500
    assert "Wystąpił błąd serwisu" in response.content.decode()
    assert "tenants/css/refusal.css" in response.content.decode()
    assert_strict(response)


def test_when_the_database_fails_a_plain_error_page_needs_none(towns):
    """The branded page reads the town's look from the database; with the database
    failing (here: this connection's transaction aborted) the plain page is shown."""
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("SELECT 1/0")
    response = _crash(ZEMBRZYCE_HOST)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Wystąpił błąd serwisu" in html and "Server error" in html
    assert "tenants/css/refusal.css" in html
    assert_strict(response)


def test_a_town_404_is_branded_and_bilingual(towns):
    for host, name in ((ZEMBRZYCE_HOST, "Gmina Zembrzyce"), (GLOGOW_HOST, "Miasto Głogów")):
        response = host_client(host).get("/nie-ma-takiej-strony/")
        html = response.content.decode()
        assert response.status_code == 404
        assert "Nie znaleziono strony" in html and "Page not found" in html
        assert name in html
    english = host_client(ZEMBRZYCE_HOST).get("/en/nie-ma-takiej-strony/")
    assert english.status_code == 404 and "Page not found" in english.content.decode()


def test_a_form_that_fails_its_csrf_check_says_so_in_polish_and_english(towns):
    client = Client(HTTP_HOST=ZEMBRZYCE_HOST, enforce_csrf_checks=True)
    response = client.post("/logowanie/demo/", {"login": "demo", "password": "demo"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formularz wygasł" in html and "Form expired" in html
    assert "CSRF" not in html  # no developer's jargon for a resident
    assert_strict(response)


def test_with_hsts_cached_pages_keep_it_and_plain_http_is_redirected_past_the_cache(
    towns, settings
):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    client = host_client(ZEMBRZYCE_HOST)
    first, second = client.get("/", secure=True), client.get("/", secure=True)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    plain = host_client(ZEMBRZYCE_HOST).get("/")
    assert plain.status_code == 301 and plain["Location"] == "https://zembrzyce.localhost/"


def test_with_hsts_only_pages_rendered_for_https_are_cached(towns, settings):
    """A page rendered for plain HTTP (no HSTS header: the ingress redirects, or an
    in-cluster client) is not stored, so no HTTPS visitor is served one without HSTS."""
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_SSL_REDIRECT = False
    client = host_client(ZEMBRZYCE_HOST)
    plain = client.get("/")
    assert plain.status_code == 200 and "X-Page-Cache" not in plain
    assert client.get("/", secure=True)["X-Page-Cache"] == "miss"
    served = client.get("/", secure=True)
    assert served["X-Page-Cache"] == "hit" and "Strict-Transport-Security" in served
