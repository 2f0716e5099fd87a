"""A request sets its town's schema once (``SET search_path``), and no sequence of atomic
blocks, savepoints, rollbacks, failed statements, on_commit callbacks, manual
transactions or reconnections ever lets a query run in another schema than the one the
connection is switched to (``TENANT_LIMIT_SET_CALLS`` with eurzad.core.postgresql)."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django_tenants.postgresql_backend.base import DatabaseWrapper as StockTenantWrapper
from django_tenants.utils import schema_context

from eurzad.core.postgresql.base import DatabaseWrapper
from eurzad.identity.demo import ensure_demo_account
from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.core.search_path_walk import HOSTS, Walk, exhaustive_programs, random_programs


def _towns() -> dict[str, Municipality]:
    with schema_context("public"):
        towns = Municipality.objects.filter(schema_name__in=HOSTS)
        return {town.schema_name: town for town in towns}


@pytest.fixture
def walk(committed_db: None) -> Iterator[Walk]:
    """A walk on the platform's own connection, outside any test transaction: commits
    and rollbacks are real."""
    walk = Walk(connection.alias, _towns())
    yield walk
    walk.unwind()
    connection.set_schema_to_public()


@pytest.fixture
def stock_walk(committed_db: None) -> Iterator[Walk]:
    """The same walk on a connection of django-tenants' own backend, same settings."""
    alias = "stock_django_tenants"
    connections[alias] = StockTenantWrapper(copy.deepcopy(connection.settings_dict), alias)
    walk = Walk(alias, _towns())
    yield walk
    walk.unwind()
    connections[alias].close()
    del connections[alias]


def test_the_schema_is_set_only_when_it_changes_by_the_platform_backend():
    assert settings.TENANT_LIMIT_SET_CALLS is True
    assert isinstance(connections["default"], DatabaseWrapper)


@pytest.mark.parametrize("start", ["", "A"])
def test_no_short_program_runs_a_query_in_the_wrong_schema(walk, start):
    """Every program of up to four steps, from the public schema and from a town's."""
    programs = list(exhaustive_programs())
    for program in programs:
        walk.run(start + program)
    assert len(programs) == 1080
    assert walk.wrong == []


def test_no_long_random_program_runs_a_query_in_the_wrong_schema(walk):
    for program in random_programs(walk, count=150, length=25, seed=18):
        walk.run(program)
    assert walk.wrong == []
    walk.probe_every_step = False  # queries only at "q" and "i": the SET comes later
    for program in random_programs(walk, count=150, length=25, seed=19):
        walk.run(program)
    assert walk.wrong == []


def test_the_walk_finds_the_leak_of_django_tenants_own_backend(stock_walk):
    """Without this backend, the COMMIT of a transaction in which a statement failed
    silently undoes the SET made in it, and the next query reads the town the connection
    held before."""
    for program in exhaustive_programs():
        stock_walk.run("A" + program)
    assert "'A[Be]' after it: glogow expected, ran in zembrzyce" in stock_walk.wrong


@pytest.mark.parametrize(
    ("program", "sets"),
    [
        # Set outside a transaction: kept through commits, a failed one included; the
        # rollback ("!") forgets it, as django-tenants does.
        ("A[q]q[eq]qcq[q!q", 2),
        # Set inside a transaction: kept through released savepoints, not past its end.
        ("[A[q]q]qq", 2),
        ("[Aq[q!q]q", 3),
    ],
)
def test_the_schema_is_set_again_only_when_the_database_may_have_undone_it(walk, program, sets):
    with CaptureQueriesContext(walk.db) as captured:
        walk.run(program)
    statements = [query["sql"] for query in captured.captured_queries]
    assert statements.count('SET search_path = "zembrzyce","public"') == sets
    assert walk.wrong == []


def _statements(path: str, login: bool) -> tuple[int, int]:
    client = host_client(ZEMBRZYCE_HOST)
    if login:
        with schema_context("zembrzyce"):
            client.force_login(ensure_demo_account().user)
    client.get(path)  # warm per-process caches
    host_client(GLOGOW_HOST).get("/")  # the connection serves the other town now
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    return len(sql), sum(statement.startswith("SET search_path") for statement in sql)


@pytest.mark.parametrize(
    ("path", "login"),
    [("/", False), ("/katalog-uslug/", False), ("/konto/", True), ("/konto/zobowiazania/", True)],
)
def test_a_town_page_sets_the_schema_once(towns, settings, path, login):
    settings.PAGE_CACHE_SECONDS = 0
    total, sets = _statements(path, login)
    assert sets == 1, f"{path}: {sets} SET search_path of {total} statements"


def test_the_next_request_of_the_same_town_sets_nothing(towns, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = host_client(ZEMBRZYCE_HOST)
    client.get("/kontakt/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/kontakt/").status_code == 200
        assert connection.schema_name == "zembrzyce"
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [statement for statement in sql if statement.startswith("SET search_path")]
    # …and still reads its own town: Głogów's page after it is Głogów's.
    assert "Miasto Głogów" in host_client(GLOGOW_HOST).get("/kontakt/").content.decode()
