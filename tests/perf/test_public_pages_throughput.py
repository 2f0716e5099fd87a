"""Anonymous views of every kind of public page, served from the page cache, against a
bare Django view in the same run (goal: each at least 70% of the bare view)."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django_tenants.utils import schema_context

from cms.models import NewsPage, ServicePage
from tests.perf.harness import (
    KeepTestConnection,
    bare_handler,
    compare,
    report,
    request_ok,
    request_once,
)

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

TOWN = "glogow.localhost"
BASELINE = "bare Django view (no middleware)"


@pytest.fixture(autouse=True)
def _keep_connection():
    with KeepTestConnection():
        yield


def test_cached_public_pages_keep_up_with_a_bare_view(demo_towns):
    with schema_context("glogow"):
        paths = {
            "home page": "/",
            "news list": "/aktualnosci/",
            "news item": NewsPage.objects.live().first().url,
            "service catalogue": "/katalog-uslug/",
            "service page": ServicePage.objects.live().first().url,
            "contact": "/kontakt/",
            "accessibility statement": "/deklaracja-dostepnosci/",
            "English home page": "/en/",
        }
    town = WSGIHandler()
    bare = bare_handler()
    for path in paths.values():
        for _ in range(2):  # the first renders and stores, the second must hit
            status, _body = request_once(town, TOWN, path)
            assert status.startswith("200"), (path, status)

    cases = {BASELINE: lambda: request_ok(bare, "bench.localhost")}
    for name, path in paths.items():
        cases[f"{name} ({path})"[:48]] = lambda path=path: request_ok(town, TOWN, path)
    results = compare(cases, requests=1000, rounds=7)
    print()
    print(report("Cached public pages vs bare view (requests/s, median of 7)", results, BASELINE))
    base = results[BASELINE].requests_per_second
    slow = {
        name: round(result.requests_per_second / base, 2)
        for name, result in results.items()
        if result.requests_per_second / base < 0.7
    }
    assert not slow, f"below 70% of the bare view: {slow}"
