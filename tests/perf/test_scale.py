"""The scale benchmark (issue 8): 2,477 towns in one PostgreSQL.

Run: ``pytest -m scale tests/perf/test_scale.py -s`` (``make bench-scale``).

It works in a database of its own, ``eurzad_scale`` (never the test database), which it
creates. Building 2,477 towns the product way would take hours, so the *set-up* builds
one template town the normal way, dumps its schema (DDL and seed rows, ``pg_dump``) once
and replays the dump with the schema name substituted, over parallel connections, then
inserts the municipality and domain rows in bulk. That is benchmark set-up only.

With ``SCALE_KEEP=1`` the database is kept and the next run only tops it up;
``SCALE_TOWNS`` changes the number of towns (default 2,477); ``SCALE_JOBS`` the number
of parallel connections of the set-up and of ``migrate_towns``; ``SCALE_MIGRATE_SAMPLE``
the number of towns put one migration behind (default 240).

Reported: onboarding one more town through the product path with the spare pool filled
(goal < 1 s), a no-op ``migrate_towns`` over all towns (recorded states, and ``--verify``
reading every schema's own table), a real ``migrate_towns`` of a sample of towns one
migration behind (and the estimate for all of them), requests/s of one town's home page
(full middleware stack, page cache off) with 2,477 towns against a database with 2 towns
(goal ≥ 90 %), the fan-out time of ``for_each_active_town`` and the database size per town.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from cms.tasks import describe_town
from eurzad.celery import app as celery_app
from tenants import pool
from tenants.dispatch import for_each_active_town
from tenants.migration_state import all_towns_migrated, target_leaves, target_state
from tenants.models import Domain, Municipality
from tenants.routing import routing_cache
from tenants.services import MunicipalityRequest, create_municipality, ensure_platform_host
from tests.perf.harness import KeepTestConnection, request_once

pytestmark = [pytest.mark.perf, pytest.mark.scale]

TOWNS = int(os.environ.get("SCALE_TOWNS", "2477"))
KEEP = os.environ.get("SCALE_KEEP", "") not in ("", "0", "false")
JOBS = int(os.environ.get("SCALE_JOBS", str(max(2, os.cpu_count() or 2))))
MIGRATE_SAMPLE = int(os.environ.get("SCALE_MIGRATE_SAMPLE", "240"))  # towns put behind
DATABASE = "eurzad_scale"
SMALL_DATABASE = "eurzad_scale_small"
TEMPLATE = "tplxq"  # a name that appears nowhere else in the dump
TEMPLATE_TERYT = "1201011"
ONBOARDED_TERYT = "1201021"
PREFIX = "bench_"


def _server() -> dict[str, str]:
    db = settings.DATABASES["default"]
    return {
        "host": str(db["HOST"] or "127.0.0.1"),
        "port": str(db["PORT"] or 5432),
        "user": str(db["USER"] or "postgres"),
    }


def _admin(sql: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as admin:
        admin.execute(sql)


def _exists(name: str) -> bool:
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as admin:
        return bool(
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )


def _use(name: str) -> None:
    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    routing_cache.clear()


def _dump(schema: str, database: str) -> str:
    server = _server()
    text = subprocess.run(
        [
            "pg_dump",
            "-h", server["host"], "-p", server["port"], "-U", server["user"],
            "-d", database, "-n", schema, "--no-owner", "--no-privileges", "--inserts",
        ],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    lines = [line for line in text.splitlines() if not line.startswith("\\")]
    return "\n".join(lines).replace("SELECT pg_catalog.set_config('search_path', '', false);", "")


def _replay(database: str, template_sql: str, schemas: list[str]) -> None:
    """Create ``schemas`` from the template dump over ``JOBS`` parallel connections."""
    pattern = re.compile(rf"\b{TEMPLATE}\b")

    def build(chunk: list[str]) -> None:
        with psycopg.connect(dbname=database, **_server()) as conn:
            conn.execute("SET synchronous_commit = off")
            for schema in chunk:
                conn.execute(pattern.sub(schema, template_sql).encode())
                conn.commit()

    chunks = [schemas[i::JOBS] for i in range(JOBS)]
    with ThreadPoolExecutor(JOBS) as threads:
        list(threads.map(build, [chunk for chunk in chunks if chunk]))


def _rows(schemas: list[str], start: int) -> None:
    state = target_state()
    towns = [
        Municipality(
            schema_name=schema,
            name=f"Bench {n}",
            official_name=f"Gmina Bench {n}",
            teryt=f"9{n:05d}1",
            status=Municipality.Status.ACTIVE,
            migration_state=state,
        )
        for n, schema in enumerate(schemas, start=start)
    ]
    Municipality.objects.bulk_create(towns, batch_size=1000)
    created = Municipality.objects.filter(schema_name__in=schemas)
    Domain.objects.bulk_create(
        [
            Domain(domain=f"{t.schema_name.replace('_', '-')}.localhost", tenant=t, is_primary=True)
            for t in created
        ],
        batch_size=1000,
    )


def _template_town() -> None:
    if Municipality.objects.filter(schema_name=TEMPLATE).exists():
        return
    with override_settings(TENANT_POOL_SIZE=0):
        create_municipality(
            MunicipalityRequest(
                name="Szablon",
                official_name="Gmina Szablon",
                teryt=TEMPLATE_TERYT,
                domain=f"{TEMPLATE}.localhost",
                schema_name=TEMPLATE,
            )
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker) -> Iterator[dict[str, float]]:
    """The benchmark's own database with TOWNS towns (kept with SCALE_KEEP=1)."""
    timings: dict[str, float] = {}
    fresh = not _exists(DATABASE)
    if fresh:
        _admin(f'CREATE DATABASE "{DATABASE}"')
    _use(DATABASE)
    with django_db_blocker.unblock():
        started = time.perf_counter()
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        ensure_platform_host(settings.PLATFORM_DOMAIN)
        _template_town()
        timings["public + template town (s)"] = time.perf_counter() - started
        connections.close_all()
        if not _exists(SMALL_DATABASE):  # the 2-town comparison: platform + template town
            _admin(f'CREATE DATABASE "{SMALL_DATABASE}" TEMPLATE "{DATABASE}"')
        template_sql = _dump(TEMPLATE, DATABASE)
        have = set(
            Municipality.objects.filter(schema_name__startswith=PREFIX).values_list(
                "schema_name", flat=True
            )
        )
        missing = [f"{PREFIX}{n:04d}" for n in range(TOWNS - 1)]  # + the template town
        missing = [schema for schema in missing if schema not in have]
        started = time.perf_counter()
        with connection.cursor() as cursor:  # half-built leftovers of an interrupted run
            for schema in missing:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        for start in range(0, len(missing), 200):
            batch = missing[start : start + 200]
            _replay(DATABASE, template_sql, batch)
            _rows(batch, start=len(have) + start)
            print(f"set-up: {len(have) + start + len(batch)}/{TOWNS - 1} towns", flush=True)
        timings[f"set-up: built {len(missing)} towns (s)"] = time.perf_counter() - started
        connections.close_all()
    yield timings
    connections.close_all()
    if not KEEP:
        _admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        _admin(f'DROP DATABASE IF EXISTS "{SMALL_DATABASE}" WITH (FORCE)')


class CountingTask:
    """Stands in for a Celery task: measures the fan-out without a broker in the way."""

    def __init__(self) -> None:
        self.sent = 0
        self.last_countdown = 0.0

    def apply_async(self, countdown: float = 0) -> None:
        self.sent += 1
        self.last_countdown = countdown


def _page_rate(handler: WSGIHandler, host: str, requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        request_once(handler, host)
    return requests / (time.perf_counter() - started)


def test_scale(django_db_setup, django_db_blocker):
    results: dict[str, str] = {k: f"{v:.1f}" for k, v in django_db_setup.items()}
    with django_db_blocker.unblock(), KeepTestConnection():
        _use(DATABASE)
        towns = Municipality.objects.exclude(schema_name="public").count()
        results["towns"] = str(towns)
        assert towns >= TOWNS

        # (1) Onboarding one more town through the product path, pool filled.
        for town in Municipality.objects.filter(teryt=ONBOARDED_TERYT):
            town.delete(force_drop=True)
        started = time.perf_counter()
        pool.refill_pool(size=1)
        results["build one spare schema, background (s)"] = f"{time.perf_counter() - started:.1f}"
        started = time.perf_counter()
        with override_settings(TENANT_POOL_SIZE=0):  # no refill task queued
            town = create_municipality(
                MunicipalityRequest(
                    name="Nowa",
                    official_name="Gmina Nowa",
                    teryt=ONBOARDED_TERYT,
                    domain="nowa-bench.localhost",
                    schema_name="nowa_bench",
                )
            )
        onboarding = time.perf_counter() - started
        results["onboarding from the pool (s)"] = f"{onboarding:.3f}"
        status, body = request_once(WSGIHandler(), "nowa-bench.localhost")
        assert status.startswith("200") and b"Gmina Nowa" in body
        town.delete(force_drop=True)

        # (2) A no-op migrate_towns over every town.
        started = time.perf_counter()
        call_command("migrate_towns", "--jobs", str(JOBS), stdout=io.StringIO())
        results["migrate_towns, nothing to do (s)"] = f"{time.perf_counter() - started:.2f}"
        started = time.perf_counter()
        call_command("migrate_towns", "--verify", "--jobs", str(JOBS), stdout=io.StringIO())
        results["migrate_towns --verify, nothing to do (s)"] = (
            f"{time.perf_counter() - started:.2f}"
        )
        started = time.perf_counter()
        assert all_towns_migrated()
        results["all_towns_migrated() (ms)"] = f"{(time.perf_counter() - started) * 1000:.1f}"

        # (2b) A deploy that brings a migration: a sample of towns is put one migration
        # behind (the shared app's newest, which a town only records: the per-town cost is
        # migrate_schemas itself; a tenant migration adds its own DDL) and migrated.
        step = max(1, (TOWNS - 1) // MIGRATE_SAMPLE)
        behind = [f"{PREFIX}{n:04d}" for n in range(0, TOWNS - 1, step)][:MIGRATE_SAMPLE]
        leaf = next(leaf for leaf in target_leaves() if leaf[0] == "tenants")
        with connection.cursor() as cursor:
            for schema in behind:
                cursor.execute(
                    f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s',
                    leaf,
                )
        Municipality.objects.filter(schema_name__in=behind).update(migration_state="")
        started = time.perf_counter()
        call_command("migrate_towns", "--jobs", str(JOBS), stdout=io.StringIO())
        elapsed = time.perf_counter() - started
        assert all_towns_migrated()
        results[f"migrate_towns, {len(behind)} towns behind, {JOBS} jobs (s)"] = f"{elapsed:.1f}"
        results["  wall clock per town behind (s)"] = f"{elapsed / len(behind):.2f}"
        results[f"  estimate, all {towns} towns behind (min)"] = (
            f"{elapsed / len(behind) * towns / 60:.1f}"
        )

        # Fan-out of a periodic task to every town (one query + the sends).
        task = CountingTask()
        started = time.perf_counter()
        for_each_active_town(task, spread_seconds=settings.TASK_STAGGER_SECONDS)  # type: ignore[arg-type]
        results["fan-out to all towns (s)"] = f"{time.perf_counter() - started:.3f}"
        results["fan-out: towns / last countdown (s)"] = f"{task.sent} / {task.last_countdown}"
        assert task.sent >= TOWNS and task.last_countdown < settings.TASK_STAGGER_SECONDS
        started = time.perf_counter()  # the same with real sends to the (test) broker
        sent = for_each_active_town(describe_town, spread_seconds=settings.TASK_STAGGER_SECONDS)
        results["fan-out with real Celery sends (s)"] = f"{time.perf_counter() - started:.2f}"
        assert len(sent) >= TOWNS
        celery_app.control.purge()  # nobody is to run them

        # (4) Size.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
            cursor.execute(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind IN ('r', 'm')",
                [f"{PREFIX}0000"],
            )
            one = cursor.fetchone()[0]
        results["database size (MB)"] = f"{size / 2**20:.0f}"
        results["database size per town (MB)"] = f"{size / towns / 2**20:.2f}"
        results["one town schema, relations (MB)"] = f"{one / 2**20:.2f}"

        # (3) A town's home page, uncached, with 2,477 towns against 2 towns.
        host = f"{PREFIX.replace('_', '-')}{min(100, TOWNS - 2):04d}.localhost"
        with override_settings(PAGE_CACHE_SECONDS=0):
            handler = WSGIHandler()
        samples: dict[str, list[float]] = {DATABASE: [], SMALL_DATABASE: []}
        hosts = {DATABASE: host, SMALL_DATABASE: f"{TEMPLATE}.localhost"}
        for _round in range(7):
            for name in samples:
                _use(name)
                if name == DATABASE:  # the routing cache holds every town's host
                    for domain in Domain.objects.values_list("domain", flat=True):
                        routing_cache.municipality_for(domain)
                status, body = request_once(handler, hosts[name])
                assert status.startswith("200"), (name, status)
                for _ in range(30):
                    request_once(handler, hosts[name])
                samples[name].append(_page_rate(handler, hosts[name], 300))
        big = statistics.median(samples[DATABASE])
        small = statistics.median(samples[SMALL_DATABASE])
        results["town page req/s, 2 towns"] = f"{small:.0f}"
        results[f"town page req/s, {towns} towns"] = f"{big:.0f}"
        results["ratio (goal >= 0.90)"] = f"{big / small:.2f}"
        _use(DATABASE)

    print()
    print(f"{'scale benchmark':<48} {'value':>14}")
    for name, value in results.items():
        print(f"{name:<48} {value:>14}")
    assert onboarding < 1.0
    assert big / small >= 0.90
