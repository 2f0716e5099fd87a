"""The transactional outbox: queue a task in the same transaction as the change.

``enqueue(task, *args)`` writes an :class:`~eurzad.core.models.OutboxTask` row in the
current transaction. When (and only if) the transaction commits, the row is handed to
Celery at once; if the broker cannot take it (Redis down, hung or failing over), the row
stays and the relay (:func:`relay_due`, every ``OUTBOX_RELAY_SECONDS`` from Celery beat,
and from ``manage.py relay_outbox``) hands it over later. So:

- a change is never committed without its task, and a task never runs for a change that
  was rolled back;
- a failed hand-over is retried, never dropped;
- a task due later (``countdown``/``eta``) waits in the database, not in the broker,
  where Redis would hand it out again after its visibility timeout.

A row may be handed over twice (the process stops between handing it over and marking
it): every task queued this way is idempotent (it acts on the state of its object, e.g.
a notification already delivered is not sent again), and Celery acknowledges late, so
a worker killed mid-task leaves the task to be run again (docs/operators/resilience.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import redis
from celery import Task, current_app
from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context
from kombu.exceptions import OperationalError as BrokerUnavailable
from prometheus_client import Counter

from eurzad.core.models import OutboxTask
from eurzad.core.postgresql.connection import connection
from eurzad.core.redis_breaker import redis_breaker

logger = logging.getLogger(__name__)

HANDED_OVER = Counter(
    "eurzad_outbox_tasks",
    "Tasks of the outbox handed to Celery, by how (at once after the commit, or by the "
    "relay) and outcome (sent, failed).",
    ["path", "outcome"],
)
#: What a broker that cannot take a task raises: kombu wraps connection errors, a hung
#: socket times out.
BROKER_ERRORS = (BrokerUnavailable, redis.RedisError, OSError)
RELAY_BATCH = 500
KEEP_SENT = timedelta(days=7)


class _AfterCommit:
    """Hands a row over once its transaction commits; equal for the same task and
    arguments in the same town, so a transaction can ask for a task once."""

    def __init__(self, pk: int, key: tuple[Any, ...]) -> None:
        self.pk, self.key = pk, key

    def __call__(self) -> None:
        row = OutboxTask.objects.filter(pk=self.pk, sent_at__isnull=True).first()
        if row is not None:
            hand_over(row, path="commit")


def enqueue(
    task: Task | str,
    *args: Any,
    countdown: float | None = None,
    eta: datetime | None = None,
    once_per_transaction: bool = False,
    **kwargs: Any,
) -> OutboxTask | None:
    """Queue ``task(*args, **kwargs)`` for the current town, with the current transaction.

    Arguments must be JSON (ids, not objects). With ``once_per_transaction`` a second
    request for the same task and arguments in the same transaction is dropped (None):
    a transaction that notifies a thousand people queues one delivery task."""
    name = task if isinstance(task, str) else task.name
    key = (connection.schema_name, name, repr(args), repr(sorted(kwargs.items())))
    if once_per_transaction and connection.in_atomic_block:
        # Django keeps the pending callbacks as (savepoint ids, callback, robust) tuples.
        pending = getattr(connection, "run_on_commit", None) or []
        if any(getattr(entry[1], "key", None) == key for entry in pending):
            return None
    now = timezone.now()
    due_at = eta or (now + timedelta(seconds=countdown) if countdown else now)
    row = OutboxTask.objects.create(
        schema_name=connection.schema_name,
        task=name,
        args=list(args),
        kwargs=kwargs,
        due_at=due_at,
    )
    if due_at <= now:
        transaction.on_commit(_AfterCommit(row.pk, key), robust=True)
    return row


def hand_over(row: OutboxTask, *, path: str) -> bool:
    """Send one row to Celery in its town's schema and mark it sent; False (the row kept
    for the relay) when the broker cannot take it now."""
    if not redis_breaker.allows("outbox"):
        HANDED_OVER.labels(path, "failed").inc()
        return False
    options: dict[str, Any] = {
        "retry": False,
        # Nobody waits for these results: no subscription to the result backend either.
        "ignore_result": True,
        # The town the task runs in (tenant-schemas-celery reads this header).
        "headers": {"_schema_name": row.schema_name, "outbox_id": row.pk},
    }
    try:
        task = _registered(row.task)
        if task is not None:  # as the task's own apply_async (Celery's eager mode included)
            task.apply_async(args=row.args, kwargs=row.kwargs, **options)
        else:  # by name: the relay need not have imported every task
            current_app.send_task(row.task, args=row.args, kwargs=row.kwargs, **options)
    except BROKER_ERRORS as error:
        redis_breaker.failed("outbox", error)
        HANDED_OVER.labels(path, "failed").inc()
        _note_failure(row, error)
        return False
    except Exception as error:  # not the broker's fault (e.g. an argument JSON cannot hold)
        logger.exception("Outbox task %s (%s) could not be handed over", row.pk, row.task)
        HANDED_OVER.labels(path, "failed").inc()
        _note_failure(row, error)
        return False
    redis_breaker.succeeded()
    OutboxTask.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    HANDED_OVER.labels(path, "sent").inc()
    return True


def _registered(name: str) -> Task | None:
    """The task by name when this process knows it (after importing every app's tasks,
    as a web process does the first time it queues one)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks.get(name)


def _note_failure(row: OutboxTask, error: Exception) -> None:
    try:
        OutboxTask.objects.filter(pk=row.pk).update(
            attempts=row.attempts + 1, last_error=f"{type(error).__name__}: {error}"[:300]
        )
    except DatabaseError:
        logger.exception("Could not note the failed hand-over of outbox task %s", row.pk)
    logger.warning("Outbox task %s (%s) not handed to Celery yet: %s", row.pk, row.task, error)


def relay_due(limit: int = RELAY_BATCH) -> int:
    """Hand over every row that is due and not sent yet, oldest first; how many were.
    Rows another relay is handing over are skipped (``SKIP LOCKED``)."""
    sent = 0
    with schema_context(get_public_schema_name()):
        while sent < limit:
            with transaction.atomic():
                batch = list(
                    OutboxTask.objects.select_for_update(skip_locked=True)
                    .filter(sent_at__isnull=True, due_at__lte=timezone.now())
                    .order_by("due_at", "pk")[: min(100, limit - sent)]
                )
                if not batch:
                    break
                handed = _hand_over_all(batch)
                sent += handed
                if handed < len(batch):
                    break  # the broker is away: the rest waits for the next round
        OutboxTask.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return sent


def _hand_over_all(rows: Iterable[OutboxTask]) -> int:
    handed = 0
    for row in rows:
        if not hand_over(row, path="relay"):
            break
        handed += 1
    return handed


def pending_count() -> int:
    """Rows due and not handed over yet (``/readyz`` and the metrics show it)."""
    with schema_context(get_public_schema_name()):
        return OutboxTask.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now()).count()
