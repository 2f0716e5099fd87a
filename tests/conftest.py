"""Test harness: a real PostgreSQL and Redis (127.0.0.1, or embedded ones when none run).

The two demo towns are created once per test session, with their full demo content;
each test then runs in a transaction that is rolled back.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection
from django.test import Client
from django.test.utils import setup_databases, teardown_databases

from eurzad.core.page_cache import local_pages
from eurzad.core.redis_breaker import redis_breaker
from eurzad.core.resilient_cache import ResilientCacheMixin
from eurzad.core.town_memo import town_memo
from eurzad.demo.seed import SeededTown, seed_demo
from eurzad.finance.interest.rates import forget_rates_in_this_process
from tenants.routing import routing_cache

ROOT = Path(__file__).resolve().parents[1]
ZEMBRZYCE_HOST = "zembrzyce.localhost"
GLOGOW_HOST = "glogow.localhost"
PLATFORM_HOST = "localhost"


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker,
    django_db_keepdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """The test database, in every session that asks for the demo towns. pytest-django
    creates only the databases its markers ask for, and the tests that work on the
    committed towns outside a per-test transaction (``committed_db``, most browser tests)
    carry none: run on their own, they would seed into the real database's name."""
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        databases = setup_databases(
            verbosity=verbosity, interactive=False, aliases={DEFAULT_DB_ALIAS},
            keepdb=django_db_keepdb,
        )  # fmt: skip
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix() -> None:
    """An xdist worker's database already carries the worker in its run id
    (``eurzad.isolated_runs``): pytest-django adds no second suffix."""


def pytest_sessionfinish(session: pytest.Session) -> None:
    """This run's public and private test files go with it."""
    shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_towns(django_db_setup: None, django_db_blocker) -> dict[str, SeededTown]:
    # The test database is new each session: so are its towns' files (public and private).
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_FILES_ROOT):
        shutil.rmtree(folder, ignore_errors=True)
    with django_db_blocker.unblock():
        towns = seed_demo()
        connection.set_schema_to_public()
    return {town.host: town for town in towns}


@pytest.fixture(autouse=True)
def _fresh_process_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """No test sees another's cached routing, cached pages, remembered town values or
    schema."""
    redis_breaker.reset()
    ResilientCacheMixin._remembered.clear()
    cache.clear()
    routing_cache.reset()  # after emptying Redis: its routing version is gone too
    local_pages.clear()
    town_memo.clear()
    forget_rates_in_this_process()
    yield
    redis_breaker.reset()
    routing_cache.clear()
    local_pages.clear()
    town_memo.clear()
    cache.clear()
    connection.set_schema_to_public()


@pytest.fixture
def towns(demo_towns: dict[str, SeededTown], db: None) -> dict[str, SeededTown]:
    return demo_towns


@pytest.fixture
def committed_db(demo_towns: dict[str, SeededTown], django_db_blocker) -> Iterator[None]:
    """Database access without a wrapping transaction, for what cannot run inside one
    (creating a town's schema runs its migrations). The test cleans up after itself."""
    with django_db_blocker.unblock():
        yield
        connection.set_schema_to_public()


def subprocess_env() -> dict[str, str]:
    """Environment for a process the tests start (web server, Celery worker): the test
    database, with its committed demo towns, and the test Redis."""
    db = connection.settings_dict
    if str(db["HOST"]).startswith("/"):
        database_url = f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}"
    else:
        database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="eurzad.settings.test",
        DATABASE_URL=database_url,
        REDIS_URL=settings.REDIS_URL,
        PYTHONPATH=os.pathsep.join(
            [str(ROOT), str(ROOT / "platform"), *filter(None, [env.get("PYTHONPATH")])]
        ),
    )
    return env


@contextmanager
def celery_worker(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """A real Celery worker process on the test database and Redis (``args`` are extra
    ``celery worker`` options, ``env`` extra variables), stopped at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "eurzad.celery", "worker", "--loglevel",
         "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat", *args],
        cwd=ROOT, env={**subprocess_env(), **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield process
    finally:
        stop_process(process)


def stop_process(process: subprocess.Popen) -> None:
    """End a process a test started: politely, then for good."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now (for a process a test starts, or to
    point a client at a closed port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def host_client(host: str, **kwargs: object) -> Client:
    return Client(HTTP_HOST=host, **kwargs)


def staff_client(schema: str, host: str, group: str, username: str) -> Client:
    """A client logged in on ``host`` as a new member of the town's staff ``group``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_tenants.utils import schema_context

    with schema_context(schema):
        user = get_user_model().objects.create_user(username=username, password="x")
        user.groups.add(Group.objects.get(name=group))
    client = host_client(host)
    with schema_context(schema):
        client.force_login(user)
    return client


# Groups of tests that skip when the machine lacks a tool: a skip is said out loud at the
# end of the run, with its reason (what to install), never only as an "s" in the dots.
SKIP_NOTICES = {
    "tests/e2e/": "browser tests (axe-core accessibility checks included)",
    "tests/test_redis_sentinel.py": "Redis Sentinel tests",
}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped: dict[str, dict[str, int]] = {}
    for report in terminalreporter.stats.get("skipped", []):
        group = next((g for g in SKIP_NOTICES if report.nodeid.startswith(g)), None)
        if group is not None and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
            reasons = skipped.setdefault(group, {})
            reasons[reason] = reasons.get(reason, 0) + 1
    for group, reasons in skipped.items():
        for reason, count in reasons.items():
            terminalreporter.write_line(
                f"SKIPPED {count} {SKIP_NOTICES[group]}: {reason}", yellow=True, bold=True
            )


@pytest.fixture
def zembrzyce(towns: dict[str, SeededTown]) -> Client:
    return host_client(ZEMBRZYCE_HOST)


@pytest.fixture
def glogow(towns: dict[str, SeededTown]) -> Client:
    return host_client(GLOGOW_HOST)
