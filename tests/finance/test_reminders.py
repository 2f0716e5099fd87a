"""Installment reminders: before the due date and once when overdue, to the Party's own
account and its "pay" representatives, never twice, and only in the town they ran for."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.holidays import next_working_day
from eurzad.finance.models import FinanceSettings, Installment, Obligation
from eurzad.finance.reminders import reminder_key, send_installment_reminders
from eurzad.finance.services import Target, book_payment
from eurzad.finance.tasks import send_installment_reminders as reminder_task
from eurzad.notifications.models import Notification
from eurzad.notifications.services import deliver_pending_emails
from eurzad.parties.models import Party
from tests.finance.import_factories import mandate, natural_party, obligation, resident

TODAY = date(2030, 3, 8)  # a Friday
DUE = date(2030, 3, 15)  # a Friday, seven days later


def _setup(email: str = "anna@example.org", notify_by_email: bool = True, due: date = DUE):  # type: ignore[no-untyped-def]
    party = natural_party()
    owner = resident(party, username=f"anna-{party.pk}", email=email,
                     notify_by_email=notify_by_email)  # fmt: skip
    debt = obligation(party, external_id=f"REM-{party.pk}", year=due.year, installments=[
        (due, "120.00"), (due + timedelta(days=61), "120.00"),
    ])  # fmt: skip
    return party, owner, debt, debt.installments.get(number=1)


def _notices(installment: Installment, reason: str) -> list[Notification]:
    return list(Notification.objects.filter(key=reminder_key(installment, reason)))


def _configure(**values: object) -> None:
    settings = FinanceSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


def test_resident_is_reminded_once_before_the_due_date_in_portal_and_by_email(towns):
    with schema_context("zembrzyce"):
        _configure(reminder_days_before=7)
        _party, owner, debt, first = _setup()
        assert send_installment_reminders(TODAY - timedelta(days=1)) >= 0  # 8 days ahead
        assert _notices(first, "upcoming") == []
        send_installment_reminders(TODAY)
        send_installment_reminders(TODAY)  # the job ran twice
        send_installment_reminders(TODAY + timedelta(days=2))
        notices = _notices(first, "upcoming")
        assert len(notices) == 1
        notice = notices[0]
        assert notice.recipient == owner.user and notice.reason == "installment_due"
        assert notice.link == f"/konto/zobowiazania/{debt.pk}/"
        assert "Podatek od nieruchomości 2030" in notice.subject
        assert "15.03.2030" in notice.body and "120,00\u00a0zł" in notice.body
        assert "Zbliża się termin płatności raty 1: Podatek od nieruchomości 2030" in notice.body
        # The second installment is two months away: not yet.
        assert _notices(debt.installments.get(number=2), "upcoming") == []
        mail.outbox.clear()
        deliver_pending_emails()
        deliver_pending_emails()
        to_anna = [m for m in mail.outbox if m.to == ["anna@example.org"]]
        assert len(to_anna) == 1 and to_anna[0].subject == notice.subject
        assert notice.link in to_anna[0].body


def test_the_remaining_amount_is_named_and_paid_installments_are_not_reminded(towns):
    with schema_context("zembrzyce"):
        party, _owner, debt, first = _setup()
        second = debt.installments.get(number=2)
        second.due_date = DUE + timedelta(days=3)
        second.save()
        book_payment(party=party, amount=first.amount, channel="transfer", source="bank",
                     external_id=f"B-{party.pk}", targets=[Target(first.pk)])  # fmt: skip
        book_payment(party=party, amount=first.amount - 20, channel="transfer", source="bank",
                     external_id=f"B2-{party.pk}", targets=[Target(second.pk)])  # fmt: skip
        send_installment_reminders(TODAY + timedelta(days=4))
        assert _notices(first, "upcoming") == []
        [partial] = _notices(second, "upcoming")
        assert "20,00\u00a0zł" in partial.body


def test_overdue_installment_is_recalled_once_after_the_configured_days(towns):
    with schema_context("zembrzyce"):
        _configure(overdue_reminder_enabled=True, overdue_days_after=3)
        _party, _owner, _debt, first = _setup()
        send_installment_reminders(DUE)  # the last day of the term: not overdue
        send_installment_reminders(DUE + timedelta(days=3))
        assert _notices(first, "overdue") == []
        for day in range(4, 10):
            send_installment_reminders(DUE + timedelta(days=day))
        [overdue] = _notices(first, "overdue")
        assert overdue.reason == "installment_overdue"
        assert "nie została zapłacona w terminie" in overdue.body
        assert "odsetki za zwłokę" in overdue.body


def test_a_due_date_on_a_sunday_becomes_overdue_only_after_the_next_working_day(towns):
    sunday = date(2030, 3, 17)
    with schema_context("zembrzyce"):
        _configure(overdue_reminder_enabled=True, overdue_days_after=0)
        _party, _owner, _debt, first = _setup(due=sunday)
        send_installment_reminders(date(2030, 3, 18))  # Monday: still within the term
        assert _notices(first, "overdue") == []
        send_installment_reminders(date(2030, 3, 19))
        assert len(_notices(first, "overdue")) == 1
        # The body says when the term really ends.
        assert "18.03.2030" in _notices(first, "overdue")[0].body


def test_overdue_and_all_reminders_can_be_switched_off_per_town(towns):
    with schema_context("zembrzyce"):
        _configure(overdue_reminder_enabled=False, reminders_enabled=True)
        _party, _owner, _debt, first = _setup()
        send_installment_reminders(DUE + timedelta(days=10))
        assert _notices(first, "overdue") == []
        _configure(reminders_enabled=False)
        send_installment_reminders(TODAY)
        assert _notices(first, "upcoming") == []


def test_a_resident_with_email_off_gets_only_the_in_portal_notice(towns):
    with schema_context("zembrzyce"):
        _party, owner, _debt, first = _setup(email="quiet@example.org", notify_by_email=False)
        send_installment_reminders(TODAY)
        [notice] = _notices(first, "upcoming")
        assert notice.recipient == owner.user and notice.email_to == ""
        mail.outbox.clear()
        deliver_pending_emails()
        assert not [m for m in mail.outbox if "quiet@example.org" in m.to]


def test_representatives_with_the_pay_scope_are_reminded_but_viewers_are_not(towns):
    with schema_context("zembrzyce"):
        firm = Party.objects.create(kind="legal", name="Tartak", regon="123456785")
        debt = obligation(firm, external_id="REM-FIRM", installments=[(DUE, "500.00")])
        payer = resident(natural_party(), username="ksiegowa", email="pay@example.org")
        viewer = resident(natural_party(), username="wglad", email="view@example.org")
        expired = resident(natural_party(), username="dawny", email="old@example.org")
        revoked = resident(natural_party(), username="odwolany", email="rev@example.org")
        mandate(payer, firm, "pay")
        mandate(viewer, firm, "view")
        mandate(expired, firm, "pay", valid_until=TODAY - timedelta(days=1))
        mandate(revoked, firm, "pay", revoked_at=timezone.now())
        send_installment_reminders(TODAY)
        notices = _notices(debt.installments.get(), "upcoming")
        assert [n.recipient for n in notices] == [payer.user]
        assert "Dotyczy: Tartak" in notices[0].body


def test_concurrent_runs_notify_each_person_once(committed_db):
    with schema_context("zembrzyce"):
        party, owner, debt, first = _setup(email="twice@example.org")
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with schema_context("zembrzyce"):
                send_installment_reminders(TODAY)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        with schema_context("zembrzyce"):
            assert len(_notices(first, "upcoming")) == 1
    finally:
        with schema_context("zembrzyce"):
            Notification.objects.filter(recipient=owner.user).delete()
            Installment.objects.filter(obligation=debt).delete()
            Obligation.objects.filter(pk=debt.pk).delete()
            owner.delete()
            owner.user.delete()
            party.delete()


@pytest.mark.parametrize("town", ["zembrzyce", "glogow"])
def test_the_task_run_for_one_town_never_notifies_the_others_residents(towns, town):
    # The real date: the task reads it itself.
    due = next_working_day(timezone.localdate() + timedelta(days=2))
    made = {}
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            _configure(reminders_enabled=True, reminder_days_before=7)
            made[schema] = _setup(email=f"{schema}@example.org", due=due)
    other = "glogow" if town == "zembrzyce" else "zembrzyce"
    with schema_context(other):
        before = Notification.objects.count()
    with schema_context(town):
        result = reminder_task.apply()
        assert result.successful(), result.traceback
        assert len(_notices(made[town][3], "upcoming")) == 1
    with schema_context(other):
        assert Notification.objects.count() == before
        assert _notices(made[other][3], "upcoming") == []
