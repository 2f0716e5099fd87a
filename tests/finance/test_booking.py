"""Booking payments against installments: exactly once, oldest first, overpayments kept,
concurrency-safe, and each town's books its own."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.models import Installment, Obligation, ObligationKind, Payment
from eurzad.finance.money import format_pln, money
from eurzad.finance.services import Target, balance, book_payment, obligation_balance
from eurzad.parties.models import Party


def _obligation(schema: str, amounts=("100.00", "100.00", "100.00"), first_due=None):  # type: ignore[no-untyped-def]
    with schema_context(schema):
        party = Party.objects.create(kind="legal", name="Tartak", nip="1132853869")
        obligation = Obligation.objects.create(
            party=party,
            kind=ObligationKind.objects.get(code="podatek-od-nieruchomosci"),
            year=2026,
            amount=sum(Decimal(a) for a in amounts),
            external_id=f"OB-{schema}",
        )
        start = first_due or timezone.localdate() - timedelta(days=30)
        for number, amount in enumerate(amounts, 1):
            Installment.objects.create(
                obligation=obligation,
                number=number,
                due_date=start + timedelta(days=60 * (number - 1)),
                amount=Decimal(amount),
            )
        return party, obligation


def test_a_payment_settles_the_oldest_installments_first_and_keeps_the_overpayment(towns):
    party, obligation = _obligation("zembrzyce")
    with schema_context("zembrzyce"):
        payment, created = book_payment(
            party=party, amount=Decimal("350.00"), channel="transfer", source="bank",
            external_id="T-1", obligation=obligation,
        )  # fmt: skip
        assert created
        states = list(obligation.installments.values_list("state", "paid"))
        assert states == [("paid", Decimal("100.00"))] * 3
        assert payment.unallocated == Decimal("50.00")
        summary = obligation_balance(obligation)
        assert summary.remaining == 0 and summary.overpaid == Decimal("50.00")


def test_the_same_payment_is_booked_once_however_often_it_arrives(towns):
    party, obligation = _obligation("zembrzyce")
    with schema_context("zembrzyce"):
        for _attempt in range(3):
            book_payment(
                party=party, amount=Decimal("100.00"), channel="online", source="przelewy24",
                external_id="P24-777", obligation=obligation,
            )  # fmt: skip
        assert Payment.objects.filter(external_id="P24-777").count() == 1
        assert obligation.installments.get(number=1).paid == Decimal("100.00")
        assert obligation.installments.get(number=2).paid == 0


def test_targets_settle_chosen_installments_with_partial_amounts(towns):
    party, obligation = _obligation("zembrzyce")
    with schema_context("zembrzyce"):
        third = obligation.installments.get(number=3)
        book_payment(
            party=party, amount=Decimal("40.00"), channel="online", source="p24",
            external_id="X", targets=[Target(third.pk, Decimal("40.00"))],
        )  # fmt: skip
        third.refresh_from_db()
        assert third.state == Installment.State.PARTIAL and third.remaining == Decimal("60.00")
        summary = obligation_balance(obligation)
        assert summary.overdue == Decimal("100.00")  # the first one, due a month ago
        assert summary.paid == Decimal("40.00")


def test_concurrent_bookings_of_one_notification_create_one_payment(committed_db):
    party, obligation = _obligation("glogow")
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            with schema_context("glogow"):
                book_payment(
                    party=party, amount=Decimal("100.00"), channel="online", source="p24",
                    external_id="SAME", obligation=obligation,
                )  # fmt: skip
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=deliver) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        with schema_context("glogow"):
            assert Payment.objects.filter(external_id="SAME").count() == 1
            assert sum(i.paid for i in obligation.installments.all()) == Decimal("100.00")
    finally:
        with schema_context("glogow"):
            Payment.objects.filter(party=party).delete()
            obligation.delete()
            party.delete()


def test_one_towns_books_are_invisible_in_another(towns):
    _obligation("zembrzyce")
    with schema_context("glogow"):
        assert not Obligation.objects.filter(external_id="OB-zembrzyce").exists()
        assert ObligationKind.objects.filter(code="oplata-odpady").exists()  # its own kinds


def test_money_is_formatted_the_polish_way():
    assert format_pln(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    assert money("0.005") == Decimal("0.01")
    assert balance([]).due == 0


def test_obligation_refuses_a_bad_bank_account_number(towns):
    from django.core.exceptions import ValidationError

    _party, obligation = _obligation("zembrzyce")
    obligation.bank_account = "61 1090 1014 0000 0712 1981 2875"
    with schema_context("zembrzyce"), pytest.raises(ValidationError) as error:
        obligation.full_clean()
    assert "Numer rachunku bankowego jest nieprawidłowy." in str(error.value)
    obligation.bank_account = "PL61 1090 1014 0000 0712 1981 2874"
    with schema_context("zembrzyce"):
        obligation.full_clean()
    assert obligation.bank_account == "61109010140000071219812874"
    assert obligation.bank_account_display == "61 1090 1014 0000 0712 1981 2874"
