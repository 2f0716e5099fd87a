"""The mobile app's obligations endpoints for a resident with 20 obligations of 12
installments each: the same number of queries as for 2 obligations, and an answer in
≤ 100 ms (median) through the whole production middleware stack.

`make bench` runs this; the baseline is Django with one view and no middleware, in the
same process, so the ratios say what the API costs on this machine.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.throttling import SimpleRateThrottle

from tenants.routing import routing_cache
from tests.api.mobile.helpers import paired_token, resident_with_pin
from tests.finance.factories import installments_of, obligation, pay
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
SCHEMA = "zembrzyce"
API = "/api/v1/mobile"


@pytest.fixture(autouse=True)
def _keep_connection():  # type: ignore[no-untyped-def]
    with KeepTestConnection():
        yield


@pytest.fixture(autouse=True)
def _unthrottled(monkeypatch):  # type: ignore[no-untyped-def]
    # A 429 would be measured instead of the answer: lift the rates where DRF reads them
    # (bound to the throttle class at import; overriding the setting changes nothing).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {
        scope: "1000000/min" for scope in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    })  # fmt: skip


def _ok(handler, path: str, token: str) -> bytes:  # type: ignore[no-untyped-def]
    """One measured request, which must be the answer it means to measure."""
    return request_ok(handler, TOWN, path, HTTP_AUTHORIZATION=f"Bearer {token}")


def _get(handler, path: str, token: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    return request_once(handler, TOWN, path, HTTP_AUTHORIZATION=f"Bearer {token}")


def _queries(handler, path: str, token: str) -> int:  # type: ignore[no-untyped-def]
    statements: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status, _body = _get(handler, path, token)
    assert status.startswith("200"), (path, status)
    return len(statements)


def _resident_owing(obligations: int, installments: int) -> tuple[str, int]:
    resident = resident_with_pin(SCHEMA)
    first = None
    for number in range(obligations):
        tax = obligation(
            SCHEMA,
            resident.party,
            year=2020 + number % 7,
            installments=[
                (date(2026, 1, 15) + timedelta(days=30 * i), "100.00") for i in range(installments)
            ],
        )
        first = first or tax
        pay(SCHEMA, resident.party, "150.00", installments=installments_of(SCHEMA, tax)[:2])
    connection.set_schema_to_public()
    return paired_token(SCHEMA, resident), first.pk


def test_obligations_endpoints_with_20_obligations_answer_within_100_ms(demo_towns):
    big_token, big_first = _resident_owing(20, 12)
    small_token, small_first = _resident_owing(2, 12)
    api = handler_with_middleware({})
    bare = bare_handler()
    status, body = request_once(bare, "bench.localhost")
    assert status.startswith("200") and body == BODY
    listing = f"{API}/obligations/"
    for token, first in ((big_token, big_first), (small_token, small_first)):
        assert _get(api, listing, token)[0].startswith("200")
        assert _get(api, f"{API}/obligations/{first}/", token)[0].startswith("200")

    big_list, small_list = _queries(api, listing, big_token), _queries(api, listing, small_token)
    assert 0 < big_list == small_list, "obligation list queries grow with the obligations"
    big_detail = _queries(api, f"{API}/obligations/{big_first}/", big_token)
    small_detail = _queries(api, f"{API}/obligations/{small_first}/", small_token)
    assert big_detail == small_detail

    results = compare(
        {
            "bare Django view (no middleware)": lambda: request_ok(bare, "bench.localhost"),
            "obligations, 20 × 12 installments (full stack)": lambda: _ok(api, listing, big_token),
            "obligations, 2 × 12 installments (full stack)": lambda: _ok(api, listing, small_token),
            "one obligation, 12 installments (full stack)": lambda: _ok(
                api, f"{API}/obligations/{big_first}/", big_token
            ),
        },
        requests=20,
        rounds=7,
    )
    print()
    print(
        report(
            "Mobile API obligations vs bare view (requests/s, median of 7 rounds)",
            results,
            "bare Django view (no middleware)",
        )
    )
    print(f"queries: list {big_list}, detail {big_detail}")
    connection.set_schema_to_public()
    routing_cache.clear()
    for name, result in results.items():
        if not name.startswith("bare"):
            milliseconds = 1000 / result.requests_per_second
            assert milliseconds <= 100, f"{name}: {milliseconds:.1f} ms median (goal ≤ 100 ms)"
