"""Requests/s of a town's (cached) home page against a bare Django view, same process.

`make bench` runs this. The town page goes through the whole production middleware
stack (tenant routing, page cache); the baseline is Django with one view and no
middleware. A third case shows what the stock, uncached django-tenants lookup costs.
"""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tenants.middleware import MunicipalityMiddleware
from tenants.models import Domain
from tenants.routing import routing_cache
from tests.perf.bare_urls import BODY
from tests.perf.harness import (
    KeepTestConnection,
    bare_handler,
    compare,
    handler_with_middleware,
    report,
    request_ok,
    request_once,
)

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

TOWN = "zembrzyce.localhost"


class StockLookup:
    """django-tenants' own behaviour: one domain query per request."""

    def municipality_for(self, hostname: str):
        domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
        return domain.tenant if domain else None


class StockLookupMiddleware(MunicipalityMiddleware):
    routing = StockLookup()


@pytest.fixture(autouse=True)
def _keep_connection():
    with KeepTestConnection():
        yield


def test_cached_town_page_keeps_up_with_a_bare_view(demo_towns):
    town_handler = WSGIHandler()
    stock_handler = handler_with_middleware(
        {"tenants.middleware.MunicipalityMiddleware": f"{__name__}.StockLookupMiddleware"}
    )
    bare = bare_handler()
    for handler in (town_handler, town_handler, stock_handler):
        status, body = request_once(handler, TOWN)
        assert status.startswith("200") and b"Gmina Zembrzyce" in body
    status, body = request_once(bare, "bench.localhost")
    assert status.startswith("200") and body == BODY

    def bare_view() -> None:
        request_ok(bare, "bench.localhost")

    def town_page() -> None:
        request_ok(town_handler, TOWN)

    def town_page_stock_lookup() -> None:
        request_ok(stock_handler, TOWN)

    results = compare(
        {
            "bare Django view (no middleware)": bare_view,
            "town home page, cached (full stack)": town_page,
            "town home page, stock django-tenants lookup": town_page_stock_lookup,
        }
    )
    print()
    print(
        report(
            "Town page vs bare view (requests/s, median of 11 rounds)",
            results,
            "bare Django view (no middleware)",
        )
    )
    connection.set_schema_to_public()
    routing_cache.clear()
    ratio = (
        results["town home page, cached (full stack)"].requests_per_second
        / results["bare Django view (no middleware)"].requests_per_second
    )
    assert ratio >= 0.8, f"cached town page at {ratio:.0%} of the bare view (goal ≥ 80%)"
