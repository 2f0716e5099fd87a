"""The public budget page of a year with 2,000 classification rows, uncached: it must
answer in ≤ 100 ms (median) with the same number of queries as a small year.

`make bench` runs this. Both budget cases go through the whole production middleware
stack except the anonymous page cache (a cached page would measure the cache, not the
page); the baseline is Django with one view and no middleware, in the same process.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from eurzad.registers.budget.classification import DZIAL_NAMES
from eurzad.registers.budget.models import BudgetLine, BudgetYear
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

TOWN = "glogow.localhost"
ROWS = 2000
BIG_YEAR, SMALL_YEAR = 2098, 2099


class NoPageCache:
    """Stands in for the anonymous page cache: every request renders the page."""

    def __init__(self, get_response) -> None:  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        return self.get_response(request)


def _queries(handler, path: str) -> int:  # type: ignore[no-untyped-def]
    """SQL statements one request runs (Django's query log is reset per request)."""
    statements: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request_once(handler, TOWN, path)
    return len(statements)


@pytest.fixture(autouse=True)
def _keep_connection():
    with KeepTestConnection():
        yield


def _budget(year: int, rows: int) -> None:
    rng = random.Random(year)
    budget_year = BudgetYear.objects.create(year=year, status=BudgetYear.Status.EXECUTION)
    codes = sorted(DZIAL_NAMES)
    lines = []
    for index in range(rows):
        side = BudgetLine.Side.INCOME if index % 2 else BudgetLine.Side.EXPENDITURE
        dzial = codes[index % len(codes)]
        number = index // len(codes)  # unique per dział and side
        rozdzial = f"{dzial}{number % 50:02d}"
        paragraf = f"{2 + number // 50}{(index // 2) % 10}{0}{0}"
        planned = Decimal(rng.randrange(1_000, 5_000_000))
        lines.append(
            BudgetLine(
                budget_year=budget_year,
                side=side,
                dzial=dzial,
                rozdzial=rozdzial,
                paragraf=paragraf,
                description=f"Pozycja {index}",
                planned=planned,
                executed=(planned * Decimal("0.87")).quantize(Decimal("1.00")),
            )
        )
    BudgetLine.objects.bulk_create(lines)


def test_budget_page_with_2000_rows_answers_within_100_ms(demo_towns):
    with schema_context("glogow"):
        _budget(BIG_YEAR, ROWS)
        _budget(SMALL_YEAR, 20)
        assert BudgetLine.objects.filter(budget_year__year=BIG_YEAR).count() == ROWS
    connection.set_schema_to_public()
    page = handler_with_middleware(
        {"eurzad.core.page_cache.AnonymousPageCacheMiddleware": f"{__name__}.NoPageCache"}
    )
    bare = bare_handler()
    big, small = f"/budzet/{BIG_YEAR}/", f"/budzet/{SMALL_YEAR}/"
    for path in (big, small, f"{big}?dzial=750", "/budzet/"):
        status, body = request_once(page, TOWN, path)
        assert status.startswith("200"), (path, status)
    status, body = request_once(bare, "bench.localhost")
    assert status.startswith("200") and body == BODY

    big_queries, small_queries = _queries(page, big), _queries(page, small)
    assert 0 < big_queries == small_queries, "queries grow with the number of rows"

    results = compare(
        {
            "bare Django view (no middleware)": lambda: request_ok(bare, "bench.localhost"),
            f"budget year, {ROWS} rows (full stack, uncached)": lambda: request_ok(page, TOWN, big),
            f"budget year, {ROWS} rows, dział drill-down": lambda: request_ok(
                page, TOWN, f"{big}?dzial=750"
            ),
            "budget index (years and totals)": lambda: request_ok(page, TOWN, "/budzet/"),
        },
        requests=20,
        rounds=7,
    )
    print()
    print(
        report(
            "Budget pages vs bare view (requests/s, median of 7 rounds)",
            results,
            "bare Django view (no middleware)",
        )
    )
    print(f"queries per budget page: {big_queries}")
    connection.set_schema_to_public()
    routing_cache.clear()
    for name, result in results.items():
        if name.startswith("budget"):
            milliseconds = 1000 / result.requests_per_second
            assert milliseconds <= 100, f"{name}: {milliseconds:.1f} ms median (goal ≤ 100 ms)"
