"""Sending push messages to a resident's browsers and phones, keeping their
subscriptions, and queueing a town-wide message (an alert) in batches."""

from __future__ import annotations

import ipaddress
import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.core import outbox
from eurzad.core.jwt import unb64url
from eurzad.core.metrics import record_notification
from eurzad.notifications.push.credentials import push_settings
from eurzad.notifications.push.models import (
    Provider,
    PushDelivery,
    PushSubscription,
)
from eurzad.notifications.push.providers import (
    Outcome,
    ProviderNotConfigured,
    PushMessage,
    provider_for,
)

log = logging.getLogger(__name__)

MAX_FAILURES = 20  # consecutive failed deliveries after which a subscription is disabled


# --- sending -------------------------------------------------------------------------


def push_to_resident(resident: Any, *, title: str, body: str, link: str = "",
                     data: dict[str, Any] | None = None) -> int:  # fmt: skip
    """Queue a push message to every live push subscription of ``resident`` (Web Push
    browsers, FCM / APNs tokens of paired phones); returns how many were queued. Delivery
    happens in Celery tasks with retries; a subscription the provider reports gone is
    disabled. Nothing is queued when the resident has switched push off."""
    if resident is None or not resident.notify_by_push:
        return 0
    subscriptions = list(PushSubscription.objects.live().filter(resident=resident))
    if not subscriptions:
        return 0
    key = f"msg-{uuid.uuid4().hex}"
    message = PushMessage(title=title[:200], body=body, link=link, data=dict(data or {}))
    with transaction.atomic():
        deliveries = PushDelivery.objects.bulk_create(
            [_delivery(subscription, key, message) for subscription in subscriptions]
        )
        _queue([delivery.pk for delivery in deliveries])
    return len(deliveries)


def _delivery(subscription: PushSubscription, key: str, message: PushMessage) -> PushDelivery:
    return PushDelivery(
        subscription=subscription,
        key=key,
        title=message.title,
        body=message.body,
        link=message.link,
        data={**message.data, **({"urgent": True} if message.urgent else {})},
    )


def _queue(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        outbox.enqueue("push.deliver", delivery_id)


def deliver(delivery_id: int) -> Outcome | None:
    """Try to deliver one queued message to its provider; returns how it went (None when
    there was nothing to do: already sent, or another worker holds it). The row is locked
    while the provider is asked, so two workers never send it twice."""
    with transaction.atomic():
        delivery = (
            PushDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription", "subscription__resident", "subscription__device")
            .filter(pk=delivery_id, status=PushDelivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return None
        subscription = delivery.subscription
        if not PushSubscription.objects.live().filter(pk=subscription.pk).exists():
            delivery.status = PushDelivery.Status.FAILED
            delivery.last_error = "subscription disabled, device unpaired or push switched off"
            delivery.save(update_fields=["status", "last_error"])
            return None
        data = dict(delivery.data)
        urgent = bool(data.pop("urgent", False))
        message = PushMessage(delivery.title, delivery.body, delivery.link, data, urgent)
        delivery.attempts += 1
        try:
            outcome = provider_for(subscription.kind).send(subscription, message, push_settings())
        except ProviderNotConfigured as error:
            outcome = Outcome(delivered=False, detail=f"not configured: {error}"[:500])
        _record(delivery, subscription, outcome)
        return outcome


# Metric outcome per delivery state; a message still queued waits for a retry.
_OUTCOME_LABELS: dict[str, str] = {
    PushDelivery.Status.SENT: "sent",
    PushDelivery.Status.FAILED: "failed",
    PushDelivery.Status.GONE: "gone",
}


def _record(delivery: PushDelivery, subscription: PushSubscription, outcome: Outcome) -> None:
    now = timezone.now()
    delivery.last_error = "" if outcome.delivered else outcome.detail or str(outcome.status)
    if outcome.delivered:
        delivery.status = PushDelivery.Status.SENT
        delivery.sent_at = now
        PushSubscription.objects.filter(pk=subscription.pk).update(last_success_at=now, failures=0)
    elif outcome.gone:
        delivery.status = PushDelivery.Status.GONE
        disable(subscription, f"gone ({outcome.status}): {outcome.detail}")
    elif not outcome.retry:
        delivery.status = PushDelivery.Status.FAILED
        _count_failure(subscription)
    delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    record_notification(subscription.kind, _OUTCOME_LABELS.get(delivery.status, "retry"))


def give_up(delivery_id: int) -> None:
    """The retries are spent: the message stays undelivered."""
    with transaction.atomic():
        delivery = (
            PushDelivery.objects.select_for_update()
            .filter(pk=delivery_id, status=PushDelivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return
        delivery.status = PushDelivery.Status.FAILED
        delivery.save(update_fields=["status"])
        _count_failure(delivery.subscription)
        record_notification(delivery.subscription.kind, "failed")


def _count_failure(subscription: PushSubscription) -> None:
    PushSubscription.objects.filter(pk=subscription.pk).update(failures=F("failures") + 1)
    subscription.refresh_from_db(fields=["failures"])
    if subscription.failures >= MAX_FAILURES:
        disable(subscription, f"{subscription.failures} failed deliveries in a row")


def disable(subscription: PushSubscription, reason: str) -> None:
    PushSubscription.objects.filter(pk=subscription.pk, disabled_at__isnull=True).update(
        disabled_at=timezone.now(), disabled_reason=reason[:200]
    )


# --- browsers (Web Push) -------------------------------------------------------------


def _endpoint_allowed(endpoint: str) -> bool:
    """A push service's public HTTPS address: the server posts to it, so never a private
    address (the stand-in on ``*.localhost`` only where simulators are on)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if not host or len(endpoint) > 1000:
        return False
    local = host == "localhost" or host.endswith(".localhost")
    if local:
        return settings.SIMULATORS_ENABLED and parts.scheme in ("http", "https")
    try:
        ipaddress.ip_address(host)
        return False
    except ValueError:
        pass
    return parts.scheme == "https" and "." in host


def _check_keys(p256dh: str, auth: str) -> None:
    try:
        point = unb64url(p256dh)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        valid = len(point) == 65 and len(unb64url(auth)) == 16
    except (ValueError, TypeError):
        valid = False
    if not valid:
        raise ValidationError(
            _("Klucze subskrypcji są nieprawidłowe (p256dh: punkt P-256, auth: 16 bajtów)."),
            code="keys",
        )


def subscribe_browser(
    resident: Any, *, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> tuple[PushSubscription, bool]:
    """Keep (or renew) a browser's Web Push subscription for ``resident``. A browser
    subscribing again with the same endpoint (after another person logged in on it)
    moves to that resident. Returns the subscription and whether it is new."""
    if not _endpoint_allowed(endpoint):
        raise ValidationError(
            _("Adres usługi push musi być publicznym adresem HTTPS."), code="endpoint"
        )
    _check_keys(p256dh, auth)
    subscription, created = PushSubscription.objects.update_or_create(
        kind=Provider.WEBPUSH,
        token=endpoint,
        defaults={
            "resident": resident,
            "device": None,
            "p256dh": p256dh,
            "auth": auth,
            "user_agent": user_agent[:300],
            "failures": 0,
            "disabled_at": None,
            "disabled_reason": "",
        },
    )
    return subscription, created


def unsubscribe_browser(resident: Any, *, endpoint: str) -> bool:
    """Forget the resident's browser subscription; False when it was not theirs."""
    deleted, _rows = PushSubscription.objects.filter(
        kind=Provider.WEBPUSH, token=endpoint, resident=resident
    ).delete()
    return bool(deleted)


# --- phones (FCM / APNs) -------------------------------------------------------------


def register_device_token(
    device: Any, *, provider: str, token: str
) -> tuple[PushSubscription, bool]:
    """Attach an FCM / APNs token to the paired ``device``: the token follows the phone,
    so a token seen before (the app re-paired, or another resident on the phone) moves
    here. Returns the subscription and whether it is new."""
    if provider not in (Provider.FCM, Provider.APNS):
        raise ValidationError(_("Nieznany dostawca powiadomień."), code="provider")
    if not token or len(token) > 1000 or any(c.isspace() for c in token) or "/" in token:
        raise ValidationError(_("Token urządzenia jest nieprawidłowy."), code="token")
    subscription, created = PushSubscription.objects.update_or_create(
        kind=provider,
        token=token,
        defaults={
            "resident": device.resident,
            "device": device,
            "p256dh": "",
            "auth": "",
            "failures": 0,
            "disabled_at": None,
            "disabled_reason": "",
        },
    )
    return subscription, created


def forget_device_token(device: Any, *, token: str) -> bool:
    """Remove a token of this device; False when the device has no such token."""
    deleted, _rows = PushSubscription.objects.filter(
        device=device, kind__in=(Provider.FCM, Provider.APNS), token=token
    ).delete()
    return bool(deleted)


def device_revoked(device: Any) -> int:
    """A phone was unpaired: its tokens die with it."""
    return PushSubscription.objects.filter(device=device, disabled_at__isnull=True).update(
        disabled_at=timezone.now(), disabled_reason="device revoked"
    )


# --- town-wide messages --------------------------------------------------------------


def queue_to_every_subscription(key: str, message: PushMessage, *, after: int, size: int
                                ) -> tuple[int, int, bool]:  # fmt: skip
    """Queue ``message`` under ``key`` to the next ``size`` live subscriptions of the town
    whose id is above ``after``: one batch of a town-wide fan-out (an alert). Each
    subscription gets a key at most once, however often a batch is repeated. Returns how
    many were queued now, the last subscription id looked at (the next cursor; ``after``
    when none) and whether more may remain. Call it inside the caller's transaction."""
    batch = list(
        PushSubscription.objects.live()
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    PushDelivery.objects.bulk_create(
        [_delivery(PushSubscription(pk=pk), key, message) for pk in batch],
        ignore_conflicts=True,
    )
    fresh = list(
        PushDelivery.objects.filter(
            key=key, subscription_id__in=batch, status=PushDelivery.Status.QUEUED, attempts=0
        ).values_list("pk", flat=True)
    )
    _queue(fresh)
    return len(fresh), (batch[-1] if batch else after), len(batch) == size


__all__ = [
    "deliver",
    "device_revoked",
    "disable",
    "forget_device_token",
    "give_up",
    "push_to_resident",
    "queue_to_every_subscription",
    "register_device_token",
    "subscribe_browser",
    "unsubscribe_browser",
]
