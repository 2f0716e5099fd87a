"""Fan a per-town task out to every active town, staggered to avoid a thundering herd."""

from __future__ import annotations

from celery import Task
from celery.result import AsyncResult
from django.conf import settings
from django_tenants.utils import schema_context

from tenants.models import Municipality


def for_each_active_town(
    task: Task, *, spread_seconds: float | None = None
) -> dict[str, AsyncResult]:
    """Send ``task`` once per active town, in that town's schema, spread over time."""
    spread = settings.TASK_STAGGER_SECONDS if spread_seconds is None else spread_seconds
    schemas = list(
        Municipality.objects.filter(status=Municipality.Status.ACTIVE)
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
