"""E-mail delivery of notifications, run in each town's own schema."""

from __future__ import annotations

from eurzad.celery import app
from eurzad.notifications.services import deliver_pending_emails
from tenants.dispatch import for_each_active_town


@app.task(acks_late=True)
def deliver_emails() -> int:
    return deliver_pending_emails()


@app.task
def deliver_emails_in_all_towns() -> int:
    """The safety net: picks up e-mails whose immediate delivery task was lost."""
    return len(for_each_active_town(deliver_emails))
