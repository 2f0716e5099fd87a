"""A resident's session is read from Redis, not from the database, on every page; it
survives Redis losing it; and it is worth nothing on another town's host."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance.factories import logged_in, party, resident


def _session_statements(client, path: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    statements = [query["sql"] for query in captured.captured_queries]
    return response.status_code, [sql for sql in statements if "django_session" in sql]


def test_a_logged_in_page_reads_the_session_from_the_cache(towns):
    anna = resident("zembrzyce", party("zembrzyce"))
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    client.get("/konto/")
    status, reads = _session_statements(client, "/konto/")
    assert status == 200
    assert reads == []


def test_a_session_redis_lost_is_read_from_the_towns_table(towns):
    anna = resident("zembrzyce", party("zembrzyce"))
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    with schema_context("zembrzyce"):
        cache.clear()
    status, reads = _session_statements(client, "/konto/")
    assert status == 200  # still logged in
    assert len(reads) == 1
    assert _session_statements(client, "/konto/") == (200, [])  # and cached again


def test_a_session_cached_for_one_town_logs_nobody_in_on_the_other(towns):
    anna = resident("zembrzyce", party("zembrzyce"))
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    assert client.get("/konto/").status_code == 200
    other = host_client(GLOGOW_HOST)
    other.cookies["sessionid"] = client.cookies["sessionid"].value
    response = other.get("/konto/")
    assert response.status_code == 302
    assert "/logowanie/" in response["Location"]
