"""Push delivery and alert fan-out, run in the schema of the town that queued them."""

from __future__ import annotations

import random

from celery import Task

from eurzad.celery import app
from eurzad.notifications.push import services
from tenants.dispatch import for_each_active_town

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


@app.task(acks_late=True, name="push.fan_out_alert")
def fan_out_alert(broadcast_id: int) -> bool:
    """Queue one batch of an alert's deliveries, then re-queue itself for the next."""
    more = services.queue_alert_batch(broadcast_id)
    if more:
        fan_out_alert.delay(broadcast_id)
    return more


@app.task(acks_late=True, name="push.broadcast_alert_when_due")
def broadcast_alert_when_due(alert_id: int) -> bool:
    """An alert saved with a later start: pushed when it starts (if still active)."""
    from cms.models import Alert

    alert = Alert.objects.filter(pk=alert_id).first()
    return alert is not None and services.broadcast_alert(alert) is not None


@app.task(acks_late=True, name="push.broadcast_due_alerts")
def broadcast_due_alerts() -> int:
    return services.broadcast_due_alerts()


@app.task(name="push.broadcast_due_alerts_in_all_towns")
def broadcast_due_alerts_in_all_towns() -> int:
    """The safety net for alerts whose scheduled push task was lost."""
    return len(for_each_active_town(broadcast_due_alerts))
