"""/healthz and /readyz: answered on any host, before tenant routing, in JSON."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

from eurzad.core.health import forget_migration_state
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, free_port, host_client


@pytest.fixture(autouse=True)
def _fresh_migration_answer() -> Iterator[None]:
    forget_migration_state()
    yield
    forget_migration_state()


@pytest.mark.parametrize("host", [PLATFORM_HOST, ZEMBRZYCE_HOST, "nobody.invalid", "10.1.2.3"])
def test_healthz_answers_on_any_host(towns, host):
    response = host_client(host).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("host", [PLATFORM_HOST, GLOGOW_HOST, "nobody.invalid"])
def test_readyz_reports_every_check_ready(towns, host):
    response = host_client(host).get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "redis": "ok", "migrations": True},
    }


def test_readyz_reports_redis_degraded_but_stays_ready_when_redis_is_unreachable(towns):
    """Pages are served from the database without Redis: the process stays in service
    (docs/operators/resilience.md); the probe says Redis is degraded."""
    unreachable = dict(settings.CACHES["default"], LOCATION=f"redis://127.0.0.1:{free_port()}/0")
    with override_settings(CACHES={"default": unreachable}):
        response = host_client(PLATFORM_HOST).get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": True, "redis": "degraded", "migrations": True}
    assert "failed" not in body


def test_readyz_is_unavailable_while_a_public_migration_is_unapplied(towns):
    connection.set_schema_to_public()
    leaf = max(name for app, name in MigrationLoader(None).graph.leaf_nodes() if app == "tenants")
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute(
            "DELETE FROM public.django_migrations WHERE app = %s AND name = %s", ["tenants", leaf]
        )
        assert cursor.rowcount == 1
    response = host_client(ZEMBRZYCE_HOST).get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]


def test_readyz_reuses_its_migration_answer_for_a_few_seconds(towns, django_assert_max_num_queries):
    client = host_client(PLATFORM_HOST)
    assert client.get("/readyz").status_code == 200
    # The second probe only pings the database: no migration graph, no django_migrations.
    with django_assert_max_num_queries(2):
        assert client.get("/readyz").status_code == 200
