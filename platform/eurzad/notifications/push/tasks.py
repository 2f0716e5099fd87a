"""Push delivery, run in the schema of the town that queued it."""

from __future__ import annotations

import random

from celery import Task

from eurzad.celery import app
from eurzad.notifications.push import services

MAX_RETRIES = 8
MAX_BACKOFF_SECONDS = 3600


def backoff_seconds(retries: int) -> float:
    """30 s, 1 min, 2 min, … up to an hour, with jitter so a provider's outage does not
    end in a stampede."""
    return min(MAX_BACKOFF_SECONDS, 30 * 2**retries) * random.uniform(0.8, 1.2)


@app.task(bind=True, acks_late=True, max_retries=MAX_RETRIES, name="push.deliver")
def deliver_push(self: Task, delivery_id: int) -> str:
    """Deliver one push message; 5xx, 429 and timeouts are retried with backoff (the
    provider's Retry-After wins), 4xx are not."""
    outcome = services.deliver(delivery_id)
    if outcome is None:
        return "skipped"
    if outcome.retry:
        if self.request.retries >= self.max_retries:
            services.give_up(delivery_id)
            return "gave up"
        countdown = outcome.retry_after
        if countdown is None:
            countdown = backoff_seconds(self.request.retries)
        raise self.retry(countdown=min(countdown, MAX_BACKOFF_SECONDS))
    return "sent" if outcome.delivered else ("gone" if outcome.gone else "failed")
