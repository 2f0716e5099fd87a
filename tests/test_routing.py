"""Requests reach the town whose host they name, and only that town."""

import pytest
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tenants.middleware import MunicipalityMiddleware
from tenants.models import Domain, Municipality
from tenants.routing import RoutingCache, routing_cache
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, host_client


def test_each_town_serves_its_own_branded_home_page(zembrzyce, glogow):
    z = zembrzyce.get("/")
    g = glogow.get("/")
    assert z.status_code == g.status_code == 200
    z_html, g_html = z.content.decode(), g.content.decode()
    assert "e-Urząd Gminy Zembrzyce" in z_html
    assert "Portal Interesanta Miasta Głogowa" in g_html
    assert "Głogów" not in z_html and "Zembrzyce" not in g_html
    assert "theme-gorski" in z_html and "--brand-primary: #1e5631" in z_html
    assert "theme-miejski" in g_html and "--brand-primary: #7a1d23" in g_html


def test_home_page_has_landmarks_skip_link_and_footer(zembrzyce):
    html = zembrzyce.get("/").content.decode()
    assert '<html lang="pl">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert "Biuletyn Informacji Publicznej" in html and "https://bip.zembrzyce.example/" in html
    assert "Deklaracja dostępności" in html
    assert "Urząd Gminy Zembrzyce" in html


def test_port_in_host_header_is_ignored(towns):
    assert host_client(f"{ZEMBRZYCE_HOST}:8000").get("/").status_code == 200


@pytest.mark.parametrize("host", ["nieznana.localhost", "zembrzyce.localhost.evil", "evil.com"])
def test_unknown_host_gets_clear_bilingual_404(towns, host):
    response = host_client(host).get("/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pod tym adresem nie działa żaden serwis e-Urzędu" in html
    assert "No e-Urząd site at this address" in html


def test_a_remembered_host_never_lets_another_host_through(settings):
    """The middleware remembers the Host headers that passed ALLOWED_HOSTS; a host
    outside them is refused every time, however often asked."""
    settings.ALLOWED_HOSTS = [".localhost"]
    middleware = MunicipalityMiddleware(lambda request: HttpResponse())
    for _ in range(2):
        assert middleware.hostname_from_request(_get(ZEMBRZYCE_HOST)) == ZEMBRZYCE_HOST
        assert middleware.hostname_from_request(_get(f"{ZEMBRZYCE_HOST}:8000")) == ZEMBRZYCE_HOST
        with pytest.raises(DisallowedHost):
            middleware.hostname_from_request(_get("evil.com"))
    assert set(middleware.hostnames) == {ZEMBRZYCE_HOST, f"{ZEMBRZYCE_HOST}:8000"}


def test_the_remembered_hosts_are_bounded(settings):
    settings.ALLOWED_HOSTS = [".localhost"]
    middleware = MunicipalityMiddleware(lambda request: HttpResponse())
    for n in range(MunicipalityMiddleware.KNOWN_HOSTS + 5):
        assert middleware.hostname_from_request(_get(f"t{n}.localhost")) == f"t{n}.localhost"
    assert len(middleware.hostnames) == MunicipalityMiddleware.KNOWN_HOSTS


def _get(host: str) -> HttpRequest:
    return RequestFactory().get("/", HTTP_HOST=host)


def test_suspended_town_gets_503_that_says_so(towns, zembrzyce, glogow):
    town = Municipality.objects.get(schema_name="zembrzyce")
    town.status = Municipality.Status.SUSPENDED
    town.save()
    response = zembrzyce.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "jest chwilowo niedostępny" in html
    assert "temporarily unavailable" in html
    assert response["Retry-After"]
    assert glogow.get("/").status_code == 200


def test_town_being_provisioned_gets_503(towns, glogow):
    Municipality.objects.filter(schema_name="glogow").update(status="provisioning")
    routing_cache.invalidate()
    response = glogow.get("/")
    assert response.status_code == 503
    assert "w przygotowaniu" in response.content.decode()


def test_archived_town_gets_410_that_says_so(towns, glogow, zembrzyce):
    town = Municipality.objects.get(schema_name="glogow")
    town.status = Municipality.Status.ARCHIVED
    town.save()
    for path in ["/", "/konto/", "/api/v1/", "/admin/"]:
        response = glogow.get(path)
        assert response.status_code == 410, path
        html = response.content.decode()
        assert "e-Urząd – Miasto Głogów został zamknięty" in html
        assert "has been closed" in html
        assert "Portal Interesanta" not in html
    assert zembrzyce.get("/").status_code == 200


def test_platform_host_lists_active_towns(towns):
    html = host_client(PLATFORM_HOST).get("/").content.decode()
    assert "Gmina Zembrzyce" in html and "Miasto Głogów" in html
    assert "http://zembrzyce.localhost/" in html


def test_health_endpoints_answer_on_any_host(towns):
    assert host_client("whatever.invalid").get("/healthz").status_code == 200
    ready = host_client(PLATFORM_HOST).get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": True, "redis": "ok", "migrations": True}


class TestCachedLookup:
    def test_known_and_unknown_hosts_are_looked_up_once(self, towns, django_assert_num_queries):
        lookup = RoutingCache(recheck_seconds=3600)
        assert lookup.municipality_for(ZEMBRZYCE_HOST).schema_name == "zembrzyce"
        assert lookup.municipality_for("nope.localhost") is None
        with django_assert_num_queries(0):
            for _ in range(10):
                assert lookup.municipality_for(ZEMBRZYCE_HOST).schema_name == "zembrzyce"
                assert lookup.municipality_for("nope.localhost") is None

    def test_new_domain_works_at_once(self, towns):
        assert host_client("eurzad.zembrzyce.pl").get("/").status_code == 404
        town = Municipality.objects.get(schema_name="zembrzyce")
        Domain.objects.create(domain="eurzad.zembrzyce.pl", tenant=town, is_primary=False)
        response = host_client("eurzad.zembrzyce.pl").get("/")
        assert response.status_code == 200
        assert "e-Urząd Gminy Zembrzyce" in response.content.decode()

    def test_removed_domain_stops_at_once(self, towns, glogow):
        assert glogow.get("/").status_code == 200
        Domain.objects.filter(domain=GLOGOW_HOST).delete()
        assert glogow.get("/").status_code == 404

    def test_other_processes_see_changes_through_redis(self, towns):
        other_process = RoutingCache(recheck_seconds=0)
        assert other_process.municipality_for(ZEMBRZYCE_HOST).status == "active"
        town = Municipality.objects.get(schema_name="zembrzyce")
        town.status = Municipality.Status.SUSPENDED
        town.save()  # invalidates here and bumps the shared version in Redis
        assert other_process.municipality_for(ZEMBRZYCE_HOST).status == "suspended"
