"""Notifying a person: in the portal at once, by e-mail through the outbox."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from eurzad.notifications.models import Notification

log = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 5


def _wants_email(user: Any) -> str:
    if user is None:
        return ""
    resident = getattr(user, "resident", None)
    if resident is not None and (resident.is_demo or not resident.notify_by_email):
        return ""
    return user.email or ""


def notify(
    user: Any,
    *,
    reason: str,
    subject: str,
    body: str,
    link: str = "",
    key: str = "",
    party: Any = None,
    email: str = "",
) -> Notification | None:
    """Create an in-portal notification and queue its e-mail.

    ``user`` may be None for a person without an account yet: then only ``email`` is
    written to. With a ``key`` the same person is never notified twice for it
    (reminders); then the return value is None when it was already sent.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user,
                party=party,
                reason=reason,
                subject=subject[:200],
                body=body,
                link=link,
                key=key,
                email_to=_wants_email(user) if user is not None else email,
            )
    except IntegrityError:
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            return None
        raise
    if notification.email_to:
        from eurzad.notifications.tasks import deliver_emails

        transaction.on_commit(lambda: deliver_emails.delay())
    return notification


def deliver_pending_emails(limit: int = 200) -> int:
    """Send the e-mails still waiting in this town's outbox; returns how many went out.

    Each row is locked while its message is sent, so two workers never send it twice.
    """
    sent = 0
    pending = Notification.objects.filter(
        emailed_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS
    ).exclude(email_to="")
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            try:
                send_mail(
                    notification.subject,
                    _email_body(notification),
                    settings.DEFAULT_FROM_EMAIL,
                    [notification.email_to],
                )
            except OSError:
                notification.email_attempts += 1
                notification.save(update_fields=["email_attempts"])
                log.warning("E-mail of notification %s failed; will retry", notification.pk)
                continue
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


def _email_body(notification: Notification) -> str:
    body = notification.body
    if notification.link:
        body += "\n\n" + notification.link
    return body


def mark_read(user: Any, notification_ids: list[int] | None = None) -> int:
    """Mark the person's notifications (all, or the given ones) as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
