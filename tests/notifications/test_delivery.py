"""Delivery tasks: a failing SMTP server is retried with backoff, each row counts its
attempts and is given up at the maximum; a town's task touches only its own rows."""

from __future__ import annotations

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from eurzad.notifications.models import Notification
from eurzad.notifications.services import MAX_EMAIL_ATTEMPTS, notify
from eurzad.notifications.tasks import deliver_emails, deliver_pushes
from tests.notifications.helpers import resident

DOWN = "tests.notifications.backends.DownSmtpBackend"


@pytest.fixture
def smtp_down(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = DOWN


def _waiting(schema: str, email: str) -> Notification:
    with schema_context(schema):
        who = resident(schema, email=email)
        return notify(who.user, reason="test", subject="Przerwa w dostawie wody", body="x")


def test_delivery_tasks_acknowledge_late_and_back_off_exponentially_with_jitter():
    for task in (deliver_emails, deliver_pushes):
        assert task.acks_late and task.retry_backoff and task.retry_jitter
        assert task.max_retries == MAX_EMAIL_ATTEMPTS - 1


def test_a_failing_smtp_server_is_retried_until_the_maximum_then_left_alone(towns, smtp_down):
    waiting = _waiting("zembrzyce", "retry@example.org")
    with schema_context("zembrzyce"):
        result = deliver_emails.apply()  # eagerly: each retry runs at once
        waiting.refresh_from_db()
        assert waiting.email_attempts == MAX_EMAIL_ATTEMPTS
        assert waiting.emailed_at is None
        assert result.successful()  # the last pass gave up on the row: nothing to retry
        deliver_emails.apply()
        waiting.refresh_from_db()
        assert waiting.email_attempts == MAX_EMAIL_ATTEMPTS  # never tried again


def test_an_email_that_failed_once_goes_when_the_server_is_back(towns, settings):
    waiting = _waiting("zembrzyce", "back@example.org")
    settings.EMAIL_BACKEND = DOWN
    with schema_context("zembrzyce"):
        from eurzad.notifications.services import send_pending_emails

        outcome = send_pending_emails()
        assert outcome.to_retry >= 1 and outcome.sent == 0
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox.clear()
        assert deliver_emails.apply().get() >= 1
        waiting.refresh_from_db()
        assert waiting.email_attempts == 1 and waiting.emailed_at is not None
    assert [m.subject for m in mail.outbox if m.to == ["back@example.org"]] == [
        "Przerwa w dostawie wody"
    ]


def test_a_zembrzyce_task_never_touches_glogow_rows(towns, smtp_down):
    in_zembrzyce = _waiting("zembrzyce", "z@example.org")
    in_glogow = _waiting("glogow", "g@example.org")
    with schema_context("glogow"):  # sent from anywhere, it runs in its own town's schema
        deliver_emails.apply(headers={"_schema_name": "zembrzyce"})
        deliver_pushes.apply(headers={"_schema_name": "zembrzyce"})
    with schema_context("zembrzyce"):
        in_zembrzyce.refresh_from_db()
        assert in_zembrzyce.email_attempts == MAX_EMAIL_ATTEMPTS
    with schema_context("glogow"):
        untouched = Notification.objects.get(pk=in_glogow.pk)
        assert untouched.email_attempts == 0 and untouched.emailed_at is None
        assert untouched.subject == "Przerwa w dostawie wody"


def test_delivery_is_scheduled_for_the_town_the_notification_was_written_in(
    towns, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _waiting("glogow", "g2@example.org")
    assert [(_task(c), c.key[0]) for c in callbacks] == [("deliver_emails", "glogow")]


def _deliveries(schema: str) -> dict[tuple[str, str], float]:
    from eurzad.core.metrics import NOTIFICATIONS

    counts: dict[tuple[str, str], float] = {}
    for metric in NOTIFICATIONS.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total") and sample.labels["town"] == schema:
                key = (sample.labels["channel"], sample.labels["outcome"])
                counts[key] = counts.get(key, 0) + sample.value
    return counts


def test_each_delivery_attempt_is_counted_for_its_town(towns, settings):
    from eurzad.notifications.services import send_pending_emails

    before_z, before_g = _deliveries("zembrzyce"), _deliveries("glogow")
    _waiting("zembrzyce", "metric@example.org")
    settings.EMAIL_BACKEND = DOWN
    with schema_context("zembrzyce"):
        send_pending_emails()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with schema_context("zembrzyce"):
        send_pending_emails()
    after = _deliveries("zembrzyce")
    grown = {key: after[key] - before_z.get(key, 0) for key in after}
    assert grown[("email", "failed")] >= 1
    assert grown[("email", "sent")] >= 1
    assert _deliveries("glogow") == before_g


def _task(callback) -> str:  # type: ignore[no-untyped-def]
    """The short name of the task an outbox hand-over callback is for."""
    return callback.key[1].rsplit(".", 1)[-1]
