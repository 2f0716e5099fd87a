"""The query plans of what a page really runs (search plan tests and benchmarks)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

# What marks a statement as a search's (a search page runs others on the same tables).
SEARCH_CONDITIONS = ("eurzad_document", "eurzad_fold")


def search_plans(get: Callable[[str], object], url: str, table: str, schema: str) -> list[str]:
    """``EXPLAIN`` of each search statement that ``get(url)`` (a request that checks its
    answer) runs on ``table``."""
    with CaptureQueriesContext(connection) as queries:
        get(url)
    statements = [
        query["sql"]
        for query in queries.captured_queries
        if f'"{table}"' in query["sql"]
        and any(condition in query["sql"] for condition in SEARCH_CONDITIONS)
    ]
    assert statements, url
    plans = []
    with schema_context(schema), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def indexes_used(plans: list[str], table: str, groups: list[set[str]]) -> set[str]:
    """The indexes of ``groups`` the plans use. Fails on a sequential scan of ``table``
    and when no index of a group is used (a group: indexes serving one condition)."""
    for plan in plans:
        assert f"Seq Scan on {table}" not in plan, plan
    used = {index for group in groups for index in group if any(index in p for p in plans)}
    for group in groups:
        assert used & group, (group, plans)
    return used
