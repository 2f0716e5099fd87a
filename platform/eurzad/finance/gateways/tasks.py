"""Processing and reconciliation of online payments, in each town's own schema."""

from __future__ import annotations

from eurzad.celery import app
from eurzad.finance.gateways.services import process_notification, reconcile_town
from tenants.dispatch import for_each_active_town


@app.task(name="gateways.process_notification", acks_late=True)
def process_notification_task(notification_id: int) -> str:
    return process_notification(notification_id)


@app.task(name="gateways.reconcile_payments", acks_late=True)
def reconcile_payments() -> dict[str, int]:
    return reconcile_town()


@app.task(name="gateways.reconcile_payments_in_all_towns")
def reconcile_payments_in_all_towns() -> int:
    """The safety net: unprocessed notifications and stale pending payments, per town."""
    return len(for_each_active_town(reconcile_payments))
