"""The platform's own periodic tasks."""

from __future__ import annotations

from celery import shared_task

from eurzad.core import outbox


@shared_task(name="core.relay_outbox", ignore_result=True)
def relay_outbox() -> int:
    """Hand Celery the outbox's tasks that are due and not handed over yet (Redis was
    down when their change was committed, or they were due later)."""
    return outbox.relay_due()
