"""Towns being migrated answer 503; periodic work and readiness see only migrated towns."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.dispatch import for_each_active_town
from tenants.migration_state import (
    all_towns_migrated,
    pending_towns,
    target_leaves,
    target_state,
)
from tenants.models import Municipality
from tests.conftest import host_client


class RecordingTask:
    """Stands in for a Celery task: records where and when it would be sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, float]] = []

    def apply_async(self, countdown: float = 0) -> str:
        self.sent.append((connection.schema_name, countdown))
        return connection.schema_name


def test_a_migrating_town_answers_503_with_retry_after(towns):
    Municipality.objects.filter(schema_name="zembrzyce").update(migrating=True)
    response = host_client("zembrzyce.localhost").get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "trwa aktualizacja" in response.content.decode()
    assert host_client("glogow.localhost").get("/").status_code == 200


def test_fan_out_skips_towns_not_active_or_not_migrated(towns):
    assert set(for_each_active_town(RecordingTask(), spread_seconds=0)) >= {
        "zembrzyce",
        "glogow",
    }
    for status in ("suspended", "provisioning", "archived"):
        Municipality.objects.filter(schema_name="zembrzyce").update(status=status)
        assert "zembrzyce" not in for_each_active_town(RecordingTask(), spread_seconds=0)
    Municipality.objects.filter(schema_name="zembrzyce").update(status="active", migrating=True)
    assert "zembrzyce" not in for_each_active_town(RecordingTask(), spread_seconds=0)
    Municipality.objects.filter(schema_name="zembrzyce").update(
        migrating=False, migration_state="older"
    )
    assert "zembrzyce" not in for_each_active_town(RecordingTask(), spread_seconds=0)
    Municipality.objects.filter(schema_name="zembrzyce").update(migration_state=target_state())
    assert "zembrzyce" in for_each_active_town(RecordingTask(), spread_seconds=0)


def test_fan_out_is_staggered_over_the_period(towns):
    task = RecordingTask()
    for_each_active_town(task, spread_seconds=50)
    countdowns = [countdown for _schema, countdown in task.sent]
    assert countdowns[0] == 0 and countdowns == sorted(countdowns)
    assert countdowns[-1] < 50 and len(set(countdowns)) == len(countdowns)
    assert [schema for schema, _ in task.sent] == list(
        Municipality.objects.filter(status="active", migration_state=target_state())
        .exclude(schema_name="public")
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )


def _queries(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if not q["sql"].startswith("SET ")]


def test_all_towns_migrated_true_and_false(towns):
    with CaptureQueriesContext(connection) as context:
        assert all_towns_migrated()
    assert len(_queries(context)) == 1
    Municipality.objects.filter(schema_name="glogow").update(migration_state="older")
    with CaptureQueriesContext(connection) as context:
        assert pending_towns() == ["glogow"]
    assert len(_queries(context)) == 1
    assert not all_towns_migrated()
    Municipality.objects.filter(schema_name="glogow").update(status="suspended")
    assert all_towns_migrated()  # only active towns count
    Municipality.objects.filter(schema_name="zembrzyce").update(migrating=True)
    assert pending_towns() == ["zembrzyce"]


def test_all_towns_migrated_sees_the_public_schema_behind(towns):
    with connection.cursor() as cursor:
        cursor.execute(
            'DELETE FROM "public".django_migrations WHERE app = %s AND name = %s',
            next(leaf for leaf in target_leaves() if leaf[0] == "tenants"),
        )
    assert pending_towns() == ["public"] and not all_towns_migrated()
