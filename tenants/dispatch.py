"""Fan a per-town task out to every active town, staggered to avoid a thundering herd."""

from __future__ import annotations

from celery import Task
from celery.result import AsyncResult
from django.conf import settings
from django_tenants.utils import schema_context

from tenants.migration_state import target_state
from tenants.models import Municipality


def for_each_active_town(
    task: Task, *, spread_seconds: float | None = None
) -> dict[str, AsyncResult]:
    """Send ``task`` once per active, fully migrated town, in that town's schema.

    Towns being provisioned, suspended, archived, being migrated or behind the
    migrations of this code are left out (one query). The sends are spread evenly over
    ``spread_seconds`` (``TASK_STAGGER_SECONDS``) so that 2,500 towns do not all hit
    the workers and the database in the same second.
    """
    spread = settings.TASK_STAGGER_SECONDS if spread_seconds is None else spread_seconds
    schemas = list(
        Municipality.objects.filter(
            status=Municipality.Status.ACTIVE, migrating=False, migration_state=target_state()
        )
        .exclude(schema_name="public")
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )
    step = spread / len(schemas) if schemas else 0
    sent = {}
    for position, schema in enumerate(schemas):
        with schema_context(schema):
            sent[schema] = task.apply_async(countdown=round(position * step, 3))
    return sent
