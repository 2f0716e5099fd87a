"""Periodic finance work, run by Celery in each town's own schema."""

from __future__ import annotations

from eurzad.celery import app
from eurzad.finance.reminders import send_installment_reminders as send_reminders
from tenants.dispatch import for_each_active_town


@app.task(acks_late=True)
def send_installment_reminders() -> int:
    """Today's installment reminders in the town the task was sent for. Safe to run
    again (or twice at once): nobody is told twice about the same installment."""
    return send_reminders()


@app.task
def send_installment_reminders_in_all_towns() -> int:
    """The daily beat job: one reminder task per active town, staggered."""
    return len(for_each_active_town(send_installment_reminders))
