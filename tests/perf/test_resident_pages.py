"""Uncached pages: what a logged-in resident sees, and a catalogue search, against a bare
view that reads one session and runs one query through the same handler (every
middleware, on the town's host), interleaved in the same run (goal: each at least 10% of
it), with the SQL statements each page runs."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from eurzad.identity.accounts import open_account
from eurzad.parties.models import Party
from tests.conftest import ZEMBRZYCE_HOST
from tests.perf.harness import (
    KeepTestConnection,
    compare,
    report,
    request_ok,
    session_handler,
)

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

JAN_PESEL = "44051401359"
BASELINE = "one session read + one query, full stack"
PAGES = {
    "Mój e-Urząd (/konto/)": ("/konto/", "Mój e-Urząd"),
    "obligations (/konto/zobowiazania/)": ("/konto/zobowiazania/", "Zobowiązania"),
    "cases (/konto/sprawy/)": ("/konto/sprawy/", "Sprawy"),
    "catalogue search, logged in": ("/katalog-uslug/?q=podatek", "podat"),
}


@pytest.fixture(autouse=True)
def _keep_connection():
    with KeepTestConnection():
        yield


def _jan_logged_in() -> str:
    """Jan's session cookie in Zembrzyce (his account opened as his first login would)."""
    with schema_context("zembrzyce"):
        party = Party.objects.get(pesel=JAN_PESEL)
        resident = open_account(party, first_name=party.first_name, last_name=party.last_name)
        client = Client(HTTP_HOST=ZEMBRZYCE_HOST)
        client.force_login(resident.user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _statements(handler: WSGIHandler, path: str, cookie: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        request_ok(handler, ZEMBRZYCE_HOST, path, HTTP_COOKIE=cookie)
    return len(captured.captured_queries)


def test_resident_pages_keep_up_with_a_session_and_a_query(demo_towns):
    cookie = _jan_logged_in()
    town = WSGIHandler()
    baseline = session_handler()
    for path, marker in PAGES.values():
        body = request_ok(town, ZEMBRZYCE_HOST, path, HTTP_COOKIE=cookie)
        assert marker in body.decode(), path  # the page itself, not a login page
    request_ok(baseline, ZEMBRZYCE_HOST, "/session/", HTTP_COOKIE=cookie)

    cases = {
        BASELINE: lambda: request_ok(baseline, ZEMBRZYCE_HOST, "/session/", HTTP_COOKIE=cookie)
    }
    for name, (path, _marker) in PAGES.items():
        cases[name] = lambda path=path: request_ok(town, ZEMBRZYCE_HOST, path, HTTP_COOKIE=cookie)
    results = compare(cases, requests=100, rounds=7)
    statements = {name: _statements(town, path, cookie) for name, (path, _m) in PAGES.items()}
    print()
    print(
        report(
            "Uncached pages vs one session + one query (requests/s, median of 7)", results, BASELINE
        )
    )
    print("SQL statements per page: " + ", ".join(f"{n}: {c}" for n, c in statements.items()))
    base = results[BASELINE].requests_per_second
    slow = {
        name: round(result.requests_per_second / base, 3)
        for name, result in results.items()
        if result.requests_per_second / base < 0.10
    }
    assert not slow, f"below 10% of the session-and-query view: {slow}"
