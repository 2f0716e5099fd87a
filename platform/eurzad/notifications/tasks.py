"""Delivery of notifications by e-mail and push, run in each town's own schema.

One task drains a town's whole outbox of a channel (not one task per notification). A
pass that leaves messages failed for a transient reason raises
:class:`DeliveryIncomplete`, and Celery tries again later with exponential backoff and
jitter; each row counts its own attempts and is given up at the maximum
(``MAX_EMAIL_ATTEMPTS`` / ``MAX_PUSH_ATTEMPTS``). The periodic safety net picks up
whatever an immediate task missed (a lost message, a worker that died).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError

from eurzad.celery import app
from eurzad.notifications.services import (
    MAX_EMAIL_ATTEMPTS,
    MAX_PUSH_ATTEMPTS,
    Outcome,
    send_pending_emails,
    send_pending_pushes,
)
from tenants.dispatch import for_each_active_town

BACKOFF_MAX_SECONDS = 600
MAX_BATCHES = 10  # per run; the next run (or the safety net) takes the rest


class DeliveryIncomplete(Exception):
    """Some messages failed for a reason that may pass (the SMTP server was down)."""


def _drain(one_pass: Callable[[], Outcome]) -> int:
    sent = to_retry = 0
    for _batch in range(MAX_BATCHES):
        outcome = one_pass()
        sent += outcome.sent
        to_retry += outcome.to_retry
        if not outcome.full:
            break
    if to_retry:
        raise DeliveryIncomplete(f"{to_retry} message(s) to try again; {sent} sent")
    return sent


RETRYING = {
    "acks_late": True,
    "autoretry_for": (DeliveryIncomplete, OperationalError),
    "retry_backoff": True,
    "retry_backoff_max": BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
}


@app.task(max_retries=MAX_EMAIL_ATTEMPTS - 1, **RETRYING)
def deliver_emails() -> int:
    """Send the town's waiting e-mails; returns how many went."""
    return _drain(send_pending_emails)


@app.task(max_retries=MAX_PUSH_ATTEMPTS - 1, **RETRYING)
def deliver_pushes() -> int:
    """Hand the town's waiting push messages to the push service; returns how many."""
    return _drain(send_pending_pushes)


@app.task
def deliver_emails_in_all_towns() -> int:
    """The safety net (every few minutes): picks up e-mails and push messages whose
    immediate delivery task was lost or gave up its retries before the rows did."""
    for_each_active_town(deliver_pushes)
    return len(for_each_active_town(deliver_emails))
