"""Redis hung or gone: the towns' sites keep answering from the database, limits that
must close do, and nothing from before the outage survives a change made during it."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django_tenants.utils import schema_context
from wagtail.models import Site

from eurzad.core.models import PendingCacheInvalidation
from eurzad.identity import artifact_handoff
from eurzad.identity.accounts import open_account
from eurzad.identity.replay import first_use
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, host_client
from tests.e2e.login import JAN_PESEL  # the demo's Zembrzyce knows his obligations
from tests.faults.conftest import failures, wait_for_the_breaker_to_try_again
from tests.finance.factories import logged_in

PUBLIC_PAGES = ["/", "/katalog-uslug/", "/katalog-uslug/?q=podatek", "/rejestry/"]


@pytest.fixture
def jan(towns):  # type: ignore[no-untyped-def]
    """Jan Kowalski logged in on Zembrzyce's site, his session saved while Redis is up."""
    with schema_context("zembrzyce"):
        resident = open_account(
            Party.objects.get(pesel=JAN_PESEL), first_name="Jan", last_name="Kowalski"
        )
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, resident)
    assert client.get("/konto/zobowiazania/").status_code == 200
    return client


def _timed_get(client, path: str):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_with_redis_paused_pages_and_a_residents_obligations_answer_from_the_database(
    faulty_redis, jan
):
    visitors = {host: host_client(host) for host in (ZEMBRZYCE_HOST, GLOGOW_HOST)}
    for visitor in visitors.values():  # cached in Redis and in this process
        for path in PUBLIC_PAGES:
            assert visitor.get(path).status_code == 200
    faulty_redis.pause()
    before = failures()
    timings = []
    obligations, took = _timed_get(jan, "/konto/zobowiazania/")
    assert obligations.status_code == 200
    # Still logged in: the session is read from the database when the cache cannot answer.
    assert "Kowalski" in obligations.content.decode()
    timings.append(took)
    for _round in range(2):
        for host, visitor in visitors.items():
            for path in PUBLIC_PAGES:
                response, took = _timed_get(visitor, path)
                assert response.status_code == 200, (host, path)
                # Rendered from the database: the page cache steps aside without Redis.
                assert "X-Page-Cache" not in response, (host, path)
                timings.append(took)
    # A hung Redis costs one short timeout, then nothing until the breaker tries again.
    assert failures() - before == 1
    assert max(timings) < 1.0, f"slowest answer {max(timings):.3f} s"
    print(f"\nRedis paused: {len(timings)} pages, slowest {max(timings) * 1000:.0f} ms")


def test_with_redis_refusing_connections_pages_answer_and_caching_resumes_after(
    faulty_redis, zembrzyce
):
    faulty_redis.kill()
    assert zembrzyce.get("/").status_code == 200
    assert zembrzyce.get("/katalog-uslug/").status_code == 200
    faulty_redis.start()
    wait_for_the_breaker_to_try_again()
    assert zembrzyce.get("/").status_code == 200  # the trial call closes the breaker
    assert zembrzyce.get("/")["X-Page-Cache"] in {"miss", "hit"}
    assert zembrzyce.get("/")["X-Page-Cache"] == "hit"


def test_a_page_published_while_redis_was_paused_is_not_served_stale_after(faulty_redis, zembrzyce):
    assert zembrzyce.get("/")["X-Page-Cache"] == "miss"
    assert zembrzyce.get("/")["X-Page-Cache"] == "hit"
    faulty_redis.pause()
    with schema_context("zembrzyce"):
        home = Site.objects.get(is_default_site=True).root_page.specific
        home.hero_title = "Opublikowane w czasie awarii"
        home.save_revision().publish()
    during = zembrzyce.get("/")
    assert "Opublikowane w czasie awarii" in during.content.decode()
    assert PendingCacheInvalidation.objects.filter(action="bump").exists()
    faulty_redis.resume()
    wait_for_the_breaker_to_try_again()
    for _ in range(3):
        after = zembrzyce.get("/")
        assert after.status_code == 200
        assert "Opublikowane w czasie awarii" in after.content.decode()
    assert after["X-Page-Cache"] == "hit"  # caching resumed, with the new page
    assert not PendingCacheInvalidation.objects.exists()


def test_a_session_ended_while_redis_was_paused_does_not_come_back(faulty_redis, jan):
    """The session is in the cache from before the outage; the logout during it deletes
    it from the database only. When Redis is back the cached copy goes too: someone who
    kept the old cookie is not logged in again."""
    old_cookie = jan.cookies[settings.SESSION_COOKIE_NAME].value
    faulty_redis.pause()
    assert jan.post("/logowanie/wyloguj/").status_code == 302
    faulty_redis.resume()
    wait_for_the_breaker_to_try_again()
    kept_cookie = host_client(ZEMBRZYCE_HOST)
    kept_cookie.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    for _ in range(2):  # the first request closes the breaker, the second reads the cache
        answer = kept_cookie.get("/konto/zobowiazania/")
        assert answer.status_code == 302 and "/logowanie/" in answer["Location"]


def test_limits_on_pin_guesses_close_and_other_limits_open_without_redis(faulty_redis, towns):
    phone = host_client(ZEMBRZYCE_HOST)
    faulty_redis.pause()
    pairing = phone.post(
        "/api/v1/mobile/pair/",
        {"pesel": JAN_PESEL, "pin": "1234", "device_name": "Telefon"},
        content_type="application/json",
    )
    assert pairing.status_code == 503
    assert pairing["Retry-After"]
    assert "Parowanie telefonu jest chwilowo niedostępne" in pairing.json()["detail"]
    assert phone.get("/api/v1/otwarte-dane/").status_code == 200


def test_readiness_reports_redis_degraded_and_liveness_stays_up(faulty_redis, towns):
    faulty_redis.pause()
    ready = host_client(PLATFORM_HOST).get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["redis"] == "degraded"
    assert host_client(PLATFORM_HOST).get("/healthz").status_code == 200
    faulty_redis.resume()
    wait_for_the_breaker_to_try_again()
    assert host_client(PLATFORM_HOST).get("/readyz").json()["checks"]["redis"] == "ok"


def test_a_login_finishes_and_a_replay_is_refused_without_redis(faulty_redis, towns):
    faulty_redis.pause()
    cache.get("anything")  # the breaker opens
    with schema_context("zembrzyce"):
        token = artifact_handoff.keep("AAQAAartifact", "relay-1")
        assert artifact_handoff.take(token) == ("AAQAAartifact", "relay-1")
        assert artifact_handoff.take(token) is None
        assert first_use("saml-artifact", "AAQAAartifact")
        assert not first_use("saml-artifact", "AAQAAartifact")
    with schema_context("glogow"):  # another town's values are its own
        assert artifact_handoff.take(token) is None
        assert first_use("saml-artifact", "AAQAAartifact")
