"""Posting the signed webhooks of the outbox (:class:`api.models.WebhookDelivery`).

The body is JSON ``{"id", "event", "created_at", "data"}``, fixed at the first attempt
so every retry carries the same bytes. Headers: ``X-Eurzad-Event``,
``X-Eurzad-Delivery`` (the id, the same on retries: the receiver's key for doing each
once) and ``X-Eurzad-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">``
with the client's webhook secret. A 2xx answer delivers it; anything else is retried
after 1, 2, 4… minutes (at most :data:`MAX_ATTEMPTS`), then the delivery is failed."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta

import requests
from django.db import transaction
from django.utils import timezone

from api.integration.changes import change_data, load
from api.models import WebhookDelivery

MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10
FIRST_RETRY_SECONDS = 60
SIGNATURE_TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``X-Eurzad-Signature`` value of ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(
    secret: str,
    body: bytes,
    header: str,
    *,
    now: float | None = None,
    tolerance: int = SIGNATURE_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does (and the docs show): recompute and compare in constant
    time, refuse a stale timestamp."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def _body(delivery: WebhookDelivery) -> str:
    obj = load(delivery.event, [delivery.object_id]).get(delivery.object_id)
    data = change_data(delivery.event, obj, delivery.client) if obj is not None else None
    return json.dumps(
        {
            "id": delivery.pk,
            "event": delivery.event,
            "created_at": delivery.created_at.isoformat(),
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def deliver(delivery_id: int) -> tuple[str, float | None]:
    """Try to post one webhook now; returns its status and, when it should be tried
    again, in how many seconds. A delivered or failed one is left as it is."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("client")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "busy", None
        if delivery.status != WebhookDelivery.Status.PENDING:
            return delivery.status, None
        client = delivery.client
        if client.is_revoked or not client.webhook_url:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.last_error = "client revoked or without a webhook address"
            delivery.save(update_fields=["status", "last_error"])
            return delivery.status, None
        if not delivery.body:
            delivery.body = _body(delivery)
        body = delivery.body.encode()
        timestamp = int(time.time())
        status_code, error = None, ""
        try:
            response = requests.post(
                client.webhook_url,
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "eurzad-webhooks/1",
                    "X-Eurzad-Event": delivery.event,
                    "X-Eurzad-Delivery": str(delivery.pk),
                    "X-Eurzad-Signature": sign(client.webhook_secret, body, timestamp),
                },
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
            )
            status_code = response.status_code
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except requests.RequestException as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_status_code = status_code
        delivery.last_error = error[:300]
        delivery.log = [
            *delivery.log,
            {"at": now.isoformat(), "status": status_code, "error": error[:300]},
        ][-MAX_ATTEMPTS:]
        retry_in = None
        if not error:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = now
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
        else:
            delay = retry_delay(delivery.attempts)
            delivery.next_attempt_at = now + delay
            retry_in = delay.total_seconds()
        delivery.save()
        return delivery.status, retry_in


def due_deliveries() -> list[int]:
    """Pending webhooks whose next attempt is due (the safety net's work list)."""
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:500]
    )
