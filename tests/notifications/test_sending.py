"""send(kind, …): the inbox always, e-mail and push as the resident chose, in their
language, once per key, and one delivery task per transaction and town."""

from __future__ import annotations

from decimal import Decimal

from django.core import mail
from django_tenants.utils import schema_context

from eurzad.finance.gateways.models import PaymentIntent
from eurzad.notifications.models import Notification
from eurzad.notifications.preferences import save_preferences, wants
from eurzad.notifications.push.models import PushDelivery, PushSubscription
from eurzad.notifications.services import (
    send,
    send_pending_emails,
    send_pending_pushes,
)
from tests.notifications.helpers import access_request, resident

PAYMENT = {"intent": PaymentIntent(gateway="przelewy24", amount=Decimal("80.00")), "link": "/x/"}


def _phone(who) -> PushSubscription:  # type: ignore[no-untyped-def]
    return PushSubscription.objects.create(resident=who, kind="fcm", token=f"token-{who.pk}")


def _emails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_by_default_a_resident_gets_the_inbox_an_email_and_a_push(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce", email="anna.default@example.org")
        phone = _phone(anna)
        notification = send("payment_confirmed", anna.user, PAYMENT, party=anna.party)
        assert notification.recipient == anna.user and notification.reason == "payment_confirmed"
        assert notification.subject == "Wpłata 80,00\u00a0zł przyjęta"
        assert notification.link == "/x/" and notification.party == anna.party
        assert notification.email_to == "anna.default@example.org"
        assert notification.push_body == "Wpłata 80,00\u00a0zł przyjęta; raty zostały rozliczone."
        mail.outbox.clear()
        send_pending_emails()
        send_pending_pushes()
        [email] = _emails_to("anna.default@example.org")
        assert email.subject == notification.subject and "/x/" in email.body
        [push] = PushDelivery.objects.filter(subscription=phone)
        assert push.title == notification.subject and push.body == notification.push_body
        assert push.data["notification"] == notification.pk
        notification.refresh_from_db()
        assert notification.emailed_at and notification.pushed_at


def test_email_switched_off_for_a_kind_queues_no_email_but_keeps_the_inbox(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce", email="anna.quiet@example.org")
        save_preferences(anna, language="pl", chosen={"payment_confirmed": {"push": True}})
        notification = send("payment_confirmed", anna.user, PAYMENT)
        assert notification.email_to == "" and notification.push_body
        mail.outbox.clear()
        send_pending_emails()
        assert _emails_to("anna.quiet@example.org") == []
        assert Notification.objects.filter(recipient=anna.user).count() == 1
        # Other kinds keep their defaults.
        assert wants(anna, "case_letter", "email") is True


def test_push_switched_off_for_a_kind_pushes_nothing(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce")
        phone = _phone(anna)
        save_preferences(anna, language="pl", chosen={"payment_confirmed": {"email": True}})
        notification = send("payment_confirmed", anna.user, PAYMENT)
        assert notification.push_body == "" and notification.email_to
        send_pending_pushes()
        assert not PushDelivery.objects.filter(subscription=phone).exists()


def test_the_master_switches_win_over_the_choices_per_kind(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce", notify_by_email=False, notify_by_push=False)
        phone = _phone(anna)
        save_preferences(
            anna, language="pl", chosen={"payment_confirmed": {"email": True, "push": True}}
        )
        notification = send("payment_confirmed", anna.user, PAYMENT)
        assert notification.email_to == "" and notification.push_body == ""
        send_pending_pushes()
        assert not PushDelivery.objects.filter(subscription=phone).exists()
        # A decision on their own request is not switchable per kind, but the master is.
        approved = send("access_request_approved", anna.user, {"access_request": access_request()})
        assert approved.email_to == "" and approved.push_body == ""


def test_alerts_are_pushed_but_not_emailed_unless_asked_for(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce")
        assert wants(anna, "alert_published", "push")
        assert not wants(anna, "alert_published", "email")
        save_preferences(anna, language="pl", chosen={"alert_published": {"email": True}})
        assert wants(anna, "alert_published", "email")
        assert not wants(anna, "alert_published", "push")


def test_a_resident_who_chose_english_is_written_to_in_english(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce")
        save_preferences(anna, language="en", chosen={})
        notification = send("payment_confirmed", anna.user, PAYMENT)
        assert notification.subject == "Payment of 80,00\u00a0zł received"
        assert notification.push_body.startswith("Payment of 80,00\u00a0zł received;")


def test_the_same_key_never_notifies_twice(towns):
    with schema_context("zembrzyce"):
        anna = resident("zembrzyce")
        first = send("payment_confirmed", anna.user, PAYMENT, key="payment-intent-77")
        again = send("payment_confirmed", anna.user, PAYMENT, key="payment-intent-77")
        assert first is not None and again is None
        assert Notification.objects.filter(recipient=anna.user).count() == 1
        # The key is per person: someone else is still told.
        ewa = resident("zembrzyce")
        assert send("payment_confirmed", ewa.user, PAYMENT, key="payment-intent-77")


def test_a_person_without_an_account_gets_an_email_only(towns):
    with schema_context("zembrzyce"):
        notification = send(
            "access_request_received",
            None,
            {"access_request": access_request(9)},
            email="applicant@example.org",
        )
        assert notification.recipient is None and notification.push_body == ""
        assert notification.email_to == "applicant@example.org"
        assert notification.subject == "Przyjęliśmy Twój wniosek o dostęp WD/2030/00009"


def test_the_demo_account_gets_the_inbox_only(towns):
    with schema_context("zembrzyce"):
        demo = resident("zembrzyce", is_demo=True)
        notification = send("payment_confirmed", demo.user, PAYMENT)
        assert notification.email_to == "" and notification.push_body == ""
        assert save_preferences(demo, language="en", chosen={}) is False


def test_one_transaction_queues_one_delivery_task_per_channel_and_town(
    towns, django_capture_on_commit_callbacks
):
    with schema_context("zembrzyce"):
        people = [resident("zembrzyce") for _ in range(3)]
        with django_capture_on_commit_callbacks() as callbacks:
            for who in people:
                send("payment_confirmed", who.user, PAYMENT)
    deliveries = [(_task(callback), callback.key[0]) for callback in callbacks]
    assert sorted(deliveries) == [
        ("deliver_emails", "zembrzyce"),
        ("deliver_pushes", "zembrzyce"),
    ]


def _task(callback) -> str:  # type: ignore[no-untyped-def]
    """The short name of the task an outbox hand-over callback is for."""
    return callback.key[1].rsplit(".", 1)[-1]
