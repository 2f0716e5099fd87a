"""An alert going live is pushed to every browser and phone of the town, once.

The fan-out belongs to the alerts: it words the message by the notification kind
``alert_published`` and hands batches to the push app's town-wide queue. A broadcast row
per alert is the idempotency key; its cursor lets the batches resume after a crash.
The Celery tasks live here too (next to what they run; their names are kept from when
the fan-out was part of the push app, so queued tasks and the beat schedule still match).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.models import Alert, AlertBroadcast
from eurzad.celery import app
from eurzad.core import outbox
from eurzad.notifications.push.providers import PushMessage
from eurzad.notifications.push.services import queue_to_every_subscription
from eurzad.notifications.services import render
from tenants.dispatch import for_each_active_town

PUSH_BODY_LIMIT = 300


def alert_message(alert: Alert) -> PushMessage:
    """Title and body of an alert's push message, worded by the notification kind
    ``alert_published``."""
    rendered = render("alert_published", {"alert": alert, "link": "/"})
    title, body = rendered.subject, rendered.push or rendered.body
    if len(body) > PUSH_BODY_LIMIT:
        body = body[: PUSH_BODY_LIMIT - 1].rstrip() + "…"
    return PushMessage(
        title=title,
        body=body,
        link="/",
        data={
            "kind": "alert",
            "alert": alert.pk,
            "severity": alert.severity,
            "area": alert.area,
            "more": alert.link_url,
        },
        urgent=alert.severity == Alert.Severity.DANGER,
    )


def broadcast_alert(alert: Alert) -> AlertBroadcast | None:
    """Start pushing an active alert to every live subscription of the town: once per
    alert, whoever calls this again (a later save, the periodic check). Returns the new
    broadcast, or None when it was already started or the alert is not active."""
    if not alert.is_active:
        return None
    try:
        with transaction.atomic():
            broadcast = AlertBroadcast.objects.create(alert=alert)
    except IntegrityError:
        return None
    outbox.enqueue(fan_out_alert, broadcast.pk)
    return broadcast


def queue_alert_batch(broadcast_id: int, batch_size: int | None = None) -> bool:
    """Queue the alert to the next ``batch_size`` subscriptions after the broadcast's
    cursor; returns whether more remain. Each subscription gets the alert at most once
    (the broadcast's key is unique per subscription)."""
    size = batch_size or settings.PUSH_ALERT_BATCH_SIZE
    with transaction.atomic():
        broadcast = (
            AlertBroadcast.objects.select_for_update()
            .select_related("alert")
            .filter(pk=broadcast_id, finished_at__isnull=True)
            .first()
        )
        if broadcast is None:
            return False
        queued, broadcast.cursor, more = queue_to_every_subscription(
            broadcast.key, alert_message(broadcast.alert), after=broadcast.cursor, size=size
        )
        broadcast.queued += queued
        if not more:
            broadcast.finished_at = timezone.now()
        broadcast.save(update_fields=["queued", "cursor", "finished_at"])
    return more


def broadcast_due_alerts(window_hours: int = 6) -> int:
    """The safety net: alerts that became active lately (a scheduled start, a lost task)
    and were not pushed yet."""
    since = timezone.now() - timedelta(hours=window_hours)
    started = 0
    for alert in Alert.objects.active().filter(valid_from__gte=since).order_by("pk"):
        if not AlertBroadcast.objects.filter(alert=alert).exists() and broadcast_alert(alert):
            started += 1
    return started


def push_when_due(alert: Alert) -> None:
    """After an alert is saved: pushed now when active, or by a task at its start."""
    if alert.is_active:
        broadcast_alert(alert)
    elif alert.valid_from > timezone.now() and alert.valid_until > alert.valid_from:
        # Waits in the outbox, not in Redis, until the alert starts.
        outbox.enqueue(broadcast_alert_when_due, alert.pk, eta=alert.valid_from)


# --- tasks, run in the schema of the town that queued them -------------------------------


@app.task(acks_late=True, name="push.fan_out_alert")
def fan_out_alert(broadcast_id: int) -> bool:
    """Queue one batch of an alert's deliveries, then re-queue itself for the next."""
    more = queue_alert_batch(broadcast_id)
    if more:
        outbox.enqueue(fan_out_alert, broadcast_id)
    return more


@app.task(acks_late=True, name="push.broadcast_alert_when_due")
def broadcast_alert_when_due(alert_id: int) -> bool:
    """An alert saved with a later start: pushed when it starts (if still active)."""
    alert = Alert.objects.filter(pk=alert_id).first()
    return alert is not None and broadcast_alert(alert) is not None


@app.task(acks_late=True, name="push.broadcast_due_alerts")
def broadcast_due_alerts_task() -> int:
    return broadcast_due_alerts()


@app.task(name="push.broadcast_due_alerts_in_all_towns")
def broadcast_due_alerts_in_all_towns() -> int:
    """The safety net for alerts whose scheduled push task was lost."""
    return len(for_each_active_town(broadcast_due_alerts_task))
