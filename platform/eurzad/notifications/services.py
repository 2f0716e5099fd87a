"""Notifying a person: :func:`send` renders a kind's templates in the recipient's language,
writes the in-portal notification and queues its e-mail and push message as the
resident chose. The row is the outbox of both channels; Celery tasks deliver them, with
retries, once per transaction and town (``eurzad.notifications.tasks``)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from smtplib import SMTPRecipientsRefused
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from eurzad.core import outbox
from eurzad.core.metrics import record_notification
from eurzad.core.postgresql.compiled import CompiledQuery
from eurzad.notifications.kinds import EMAIL, PUSH, kind_named
from eurzad.notifications.models import Notification
from eurzad.notifications.preferences import language_for, resident_of, wants
from eurzad.notifications.push.services import push_to_resident

if TYPE_CHECKING:
    from django.template.backends.django import Template as DjangoTemplate

log = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 5
MAX_PUSH_ATTEMPTS = 5
BATCH = 200


# --- rendering -----------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    push: str


def _render_part(name: str, values: dict[str, Any]) -> str:
    # Plain text for the inbox, e-mail and push: nothing is HTML-escaped here; the inbox
    # page escapes when it shows it.
    template = cast("DjangoTemplate", get_template(name))  # the DjangoTemplates backend's
    return template.template.render(Context(values, autoescape=False))


def _one_line(text: str) -> str:
    # Not str.split(): it would also break the non-breaking space in "80,00 zł".
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _paragraphs(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render(kind_name: str, context: dict[str, Any], language: str = "") -> Rendered:
    """The subject, body and push text of ``kind_name`` for ``context`` in ``language``
    (Polish when empty). Public so that other senders (the alert fan-out) word things
    the same way."""
    kind = kind_named(kind_name)
    with translation.override(language or settings.LANGUAGE_CODE):
        values = dict(context)
        if kind.prepare is not None:
            values.update(kind.prepare(context))
        subject = _one_line(_render_part(kind.template("subject"), values))
        body = _paragraphs(_render_part(kind.template("body"), values))
        push = _one_line(_render_part(kind.template("push"), values))
    return Rendered(subject=subject[:200], body=body, push=push[:300])


# --- sending -------------------------------------------------------------------------


def send(
    kind_name: str,
    recipient: Any,
    context: dict[str, Any],
    *,
    party: Any = None,
    key: str = "",
    email: str = "",
    language: str = "",
) -> Notification | None:
    """Tell ``recipient`` (a user, or None for a person without an account) about
    something of kind ``kind_name`` (see :mod:`eurzad.notifications.kinds` for the kinds
    and their ``context`` keys; ``context["link"]`` becomes the notification's link).

    The text is rendered in the recipient's chosen language (``language``, Polish by
    default, for a person without an account, who is written to at ``email`` only). The
    notification always lands in the portal inbox; it is e-mailed and pushed when the
    resident's master switches and choices for the kind allow. With a ``key`` the same
    person is never notified twice for it; then None is returned when it was already.
    """
    kind = kind_named(kind_name)
    if key and Notification.objects.filter(recipient=recipient, key=key).exists():
        return None
    resident = resident_of(recipient)
    if recipient is None:
        email_to, push, words = email, False, language
    elif resident is None:  # staff: no preferences, the account's address
        email_to, push, words = recipient.email or "", False, settings.LANGUAGE_CODE
    else:
        email_to = (recipient.email or "") if wants(resident, kind.name, EMAIL) else ""
        push = wants(resident, kind.name, PUSH)
        words = language_for(recipient)
    rendered = render(kind.name, context, words)
    return _record(
        recipient,
        reason=kind.name,
        subject=rendered.subject,
        body=rendered.body,
        push_body=rendered.push if push else "",
        link=str(context.get("link") or ""),
        key=key,
        party=party,
        email_to=email_to,
    )


def _wants_email(user: Any) -> str:
    if user is None:
        return ""
    resident = resident_of(user)
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
    """A notification with ready words and no kind (a message typed by staff, a test):
    shown in the portal and e-mailed when the person's master switch allows; no push.

    Everything the platform itself says goes through :func:`send` and a kind instead.
    """
    return _record(
        user,
        reason=reason,
        subject=subject[:200],
        body=body,
        push_body="",
        link=link,
        key=key,
        party=party,
        email_to=_wants_email(user) if user is not None else email,
    )


def _record(user: Any, *, key: str, push_body: str, email_to: str, **fields: Any
            ) -> Notification | None:  # fmt: skip
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user, key=key, push_body=push_body, email_to=email_to, **fields
            )
    except IntegrityError:
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            return None
        raise
    if notification.email_to:
        schedule_delivery("deliver_emails")
    if notification.push_body:
        schedule_delivery("deliver_pushes")
    return notification


def schedule_delivery(task_name: str) -> None:
    """Queue the town's ``deliver_emails`` or ``deliver_pushes`` task through the outbox
    (eurzad.core.outbox), with the current transaction, at most once per transaction; a
    lost task is picked up by the periodic safety net."""
    outbox.enqueue(f"eurzad.notifications.tasks.{task_name}", once_per_transaction=True)


# --- delivering ----------------------------------------------------------------------


@dataclass
class Outcome:
    """One pass over a town's outbox: how many went, and how many failed but may be
    tried again (a transient error, below the maximum of attempts)."""

    sent: int = 0
    to_retry: int = 0
    full: bool = False  # the batch was full: more may be waiting


def send_pending_emails(limit: int = BATCH) -> Outcome:
    """One pass over this town's e-mail outbox. Each row is locked while its message is
    sent, so two workers never send it twice; a failure counts an attempt on the row."""
    outcome = Outcome()
    pending = Notification.objects.filter(
        emailed_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS
    ).exclude(email_to="")
    ids = list(pending.order_by("pk").values_list("pk", flat=True)[:limit])
    outcome.full = len(ids) == limit
    for pk in ids:
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
            except SMTPRecipientsRefused:  # the address itself is refused: never retried
                record_notification("email", "refused")
                notification.email_attempts = MAX_EMAIL_ATTEMPTS
                notification.save(update_fields=["email_attempts"])
                log.warning("E-mail of notification %s refused by the server", pk)
                continue
            except OSError:  # smtplib's errors, timeouts, refused connections
                record_notification("email", "failed")
                notification.email_attempts += 1
                notification.save(update_fields=["email_attempts"])
                if notification.email_attempts < MAX_EMAIL_ATTEMPTS:
                    outcome.to_retry += 1
                log.warning(
                    "E-mail of notification %s failed (attempt %s of %s)",
                    pk,
                    notification.email_attempts,
                    MAX_EMAIL_ATTEMPTS,
                )
                continue
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            record_notification("email", "sent")
            outcome.sent += 1
    return outcome


def deliver_pending_emails(limit: int = BATCH) -> int:
    """Send the e-mails still waiting in this town's outbox; returns how many went out."""
    return send_pending_emails(limit).sent


def _email_body(notification: Notification) -> str:
    body = notification.body
    if notification.link:
        body += "\n\n" + notification.link
    return body


def send_pending_pushes(limit: int = BATCH) -> Outcome:
    """One pass over this town's push outbox: each waiting notification is handed to the
    push service (which queues it to the resident's browsers and phones) in the same
    transaction that marks it pushed, so it is handed over exactly once."""
    outcome = Outcome()
    pending = (
        Notification.objects.filter(pushed_at__isnull=True, push_attempts__lt=MAX_PUSH_ATTEMPTS)
        .exclude(push_body="")
        .exclude(recipient=None)
    )
    ids = list(pending.order_by("pk").values_list("pk", flat=True)[:limit])
    outcome.full = len(ids) == limit
    for pk in ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .filter(pk=pk, pushed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            resident = resident_of(notification.recipient)
            try:
                with transaction.atomic():  # a failure undoes only this hand-over
                    if resident is not None:
                        push_to_resident(
                            resident,
                            title=notification.subject,
                            body=notification.push_body,
                            link=notification.link,
                            data={"notification": notification.pk, "kind": notification.reason},
                        )
            except Exception:  # any failure of the push side must not stop the others
                notification.push_attempts += 1
                notification.save(update_fields=["push_attempts"])
                if notification.push_attempts < MAX_PUSH_ATTEMPTS:
                    outcome.to_retry += 1
                log.exception("Push of notification %s failed", pk)
                continue
            notification.pushed_at = timezone.now()
            notification.save(update_fields=["pushed_at"])
            outcome.sent += 1
    return outcome


def mark_read(user: Any, notification_ids: list[int] | None = None) -> int:
    """Mark the person's notifications (all, or the given ones) as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


_UNREAD = CompiledQuery(
    lambda user_id: (
        Notification.objects.filter(recipient_id=user_id, read_at__isnull=True)
        .order_by()
        .values("pk")
    ),
    user_id=-7_001,
)


def unread_count(user: Any) -> int:
    """The user's unread notifications (every page of Mój e-Urząd shows the count)."""
    return _UNREAD.count(user_id=user.pk)
