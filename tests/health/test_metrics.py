"""Prometheus metrics per town, readable on the platform host by allowed clients only."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import override_settings
from django_tenants.utils import schema_context
from prometheus_client.parser import text_string_to_metric_families

from eurzad.celery import app
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, host_client


@app.task(name="tests.health.failing_task")
def failing_task() -> None:
    raise RuntimeError("the back-office system did not answer")


def scrape(**extra: str) -> dict[str, Counter]:
    """Samples of /metrics by metric name, keyed by their labels."""
    response = host_client(PLATFORM_HOST).get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    samples: dict[str, Counter] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            key = tuple(sorted(sample.labels.items()))
            samples.setdefault(sample.name, Counter())[key] += sample.value
    return samples


def requests_by_town(samples: dict[str, Counter]) -> Counter:
    counts: Counter = Counter()
    for labels, value in samples.get("eurzad_http_requests_total", Counter()).items():
        counts[dict(labels)["town"]] += value
    return counts


def test_requests_are_counted_per_town(towns):
    before = scrape()
    for _ in range(3):
        assert host_client(ZEMBRZYCE_HOST).get("/").status_code == 200
    host_client(GLOGOW_HOST).get("/nie-ma-takiej-strony/")
    after = scrape()

    grown = requests_by_town(after) - requests_by_town(before)
    assert grown["zembrzyce"] == 3
    assert grown["glogow"] == 1
    # The first /metrics request itself, on the platform host.
    assert grown["public"] == 1

    requests = after["eurzad_http_requests_total"] - before.get(
        "eurzad_http_requests_total", Counter()
    )
    glogow = [dict(labels) for labels in requests if dict(labels)["town"] == "glogow"]
    assert glogow == [{"town": "glogow", "method": "GET", "status": "4xx", "view": "wagtail_serve"}]
    # Views, never raw paths: the first page view renders, the next two come from the cache.
    zembrzyce = {
        dict(labels)["view"]: value
        for labels, value in requests.items()
        if dict(labels)["town"] == "zembrzyce"
    }
    assert sum(zembrzyce.values()) == 3
    assert set(zembrzyce) <= {"wagtail_serve", "page-cache"}

    latency = after["eurzad_http_request_duration_seconds_count"] - before.get(
        "eurzad_http_request_duration_seconds_count", Counter()
    )
    assert sum(v for k, v in latency.items() if dict(k)["town"] == "zembrzyce") == 3


def test_unknown_hosts_share_one_label(towns):
    before = requests_by_town(scrape())
    host_client("nobody.invalid").get("/")
    host_client("somebody-else.invalid").get("/")
    assert (requests_by_town(scrape()) - before)["unknown-host"] == 2


@override_settings(METRICS_PER_TOWN=False)
def test_towns_can_be_added_up(towns):
    before = requests_by_town(scrape())
    host_client(ZEMBRZYCE_HOST).get("/")
    host_client(GLOGOW_HOST).get("/")
    grown = requests_by_town(scrape()) - before
    assert grown["all"] == 2
    assert "zembrzyce" not in grown and "glogow" not in grown


def test_metrics_refused_to_other_addresses_without_the_token(towns):
    client = host_client(PLATFORM_HOST, REMOTE_ADDR="203.0.113.9")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


@override_settings(METRICS_TOKEN="s3cret-scraper-token", METRICS_ALLOWED_IPS=["10.0.0.0/8"])
def test_metrics_for_the_token_or_an_allowed_network(towns):
    outside = host_client(PLATFORM_HOST, REMOTE_ADDR="203.0.113.9")
    assert outside.get(
        "/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scraper-token"
    ).status_code == (200)
    assert host_client(PLATFORM_HOST, REMOTE_ADDR="10.4.5.6").get("/metrics").status_code == 200
    assert host_client(PLATFORM_HOST, REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 403


@override_settings(METRICS_ALLOWED_IPS=["10.0.0.0/8"], TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_metrics_through_the_ingress_are_judged_by_the_clients_address(towns):
    """Behind the ingress (a 10.x pod) the peer is always allowed-looking; the client's own
    address decides, and a forged X-Forwarded-For does not help."""
    for forwarded in ("203.0.113.9, 10.1.2.3", "10.9.9.9, 203.0.113.9"):
        via_ingress = host_client(
            PLATFORM_HOST, REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR=forwarded
        )
        assert via_ingress.get("/metrics").status_code == 403
    # Prometheus scraping the pod directly.
    assert host_client(PLATFORM_HOST, REMOTE_ADDR="10.4.5.6").get("/metrics").status_code == 200


@pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, GLOGOW_HOST])
def test_metrics_do_not_exist_on_a_towns_host(towns, host):
    # CommonMiddleware first adds the slash (a town's page could be there), then 404.
    response = host_client(host).get("/metrics", follow=True)
    assert response.status_code == 404
    assert b"eurzad_http_requests" not in response.content


def test_failing_task_is_counted_with_its_town(towns):
    def failures(samples: dict[str, Counter]) -> Counter:
        return Counter(
            {
                dict(labels)["town"]: value
                for labels, value in samples.get("eurzad_task_failures_total", Counter()).items()
                if dict(labels)["task"] == "tests.health.failing_task"
            }
        )

    before = failures(scrape())
    with schema_context("glogow"):
        result = failing_task.apply()
    assert result.failed()
    assert (failures(scrape()) - before) == Counter({"glogow": 1})
