"""Webhook delivery in the town's schema (tenant-schemas-celery carries it)."""

from __future__ import annotations

from api.integration.webhooks import deliver, due_deliveries
from eurzad.celery import app
from eurzad.core import outbox
from tenants.dispatch import for_each_active_town


@app.task(name="api.deliver_webhook", acks_late=True)
def deliver_webhook_task(delivery_id: int) -> str:
    """Post one webhook; on failure, try again after the backoff delay."""
    status, retry_in = deliver(delivery_id)
    if retry_in is not None:
        outbox.enqueue(deliver_webhook_task, delivery_id, countdown=retry_in)
    return status


@app.task(name="api.deliver_due_webhooks")
def deliver_due_webhooks() -> int:
    """This town's safety net: webhooks whose retry is due (a worker died meanwhile)."""
    for pk in due_deliveries():
        deliver(pk)
    return 0


@app.task(name="api.deliver_due_webhooks_in_all_towns")
def deliver_due_webhooks_in_all_towns() -> int:
    return len(for_each_active_town(deliver_due_webhooks))
