"""book_payment with interest, in a town's schema: principal and interest recorded apart,
oldest due date first across obligations, civil-law interest first, exactly once. The
amounts are those of the worked examples (tests/finance/test_interest_examples.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from eurzad.finance.debts import debts_on
from eurzad.finance.models import Installment, PaymentAllocation
from eurzad.finance.queries import obligation_overview
from eurzad.finance.services import Target, book_payment
from tests.finance import factories as f

D = Decimal


def _parts(payment) -> list[tuple[int, Decimal, Decimal]]:  # type: ignore[no-untyped-def]
    return [
        (a.installment.number if a.installment.obligation_id else 0, a.amount, a.interest)
        for a in PaymentAllocation.objects.filter(payment=payment).select_related("installment")
        .order_by("installment__due_date")
    ]  # fmt: skip


def test_a_late_payment_settles_the_installment_and_its_interest_apart(towns):
    owner = f.party("zembrzyce")
    tax = f.obligation("zembrzyce", owner, year=2025, installments=[(date(2025, 3, 15), "1000.00")])
    with schema_context("zembrzyce"):
        # 1000 zł due Saturday 15.03.2025 (-> 17.03), paid 10.06.2025: 33 zł of interest.
        payment, created = book_payment(
            party=owner, amount=D("1033.00"), channel="transfer", source="bank",
            external_id="LATE-1", booked_on=date(2025, 6, 10), obligation=tax,
        )  # fmt: skip
        assert created and _parts(payment) == [(1, D("1000.00"), D("33.00"))]
        installment = Installment.objects.get(obligation=tax)
        assert (installment.paid, installment.interest_paid, installment.state) == (
            D("1000.00"), D("33.00"), "paid",
        )  # fmt: skip
        assert payment.unallocated == 0
        again, created = book_payment(
            party=owner, amount=D("1033.00"), channel="transfer", source="bank",
            external_id="LATE-1", booked_on=date(2025, 6, 10), obligation=tax,
        )  # fmt: skip
        assert not created and again == payment
        assert PaymentAllocation.objects.filter(payment=payment).count() == 1


def test_a_short_payment_is_split_in_proportion_and_the_rest_keeps_running(towns):
    owner = f.party("zembrzyce")
    tax = f.obligation("zembrzyce", owner, year=2025, installments=[(date(2025, 3, 15), "1000.00")])
    with schema_context("zembrzyce"):
        first = Installment.objects.get(obligation=tax)
        payment, _ = book_payment(
            party=owner, amount=D("500.00"), channel="cash", source="kasa", external_id="K-1",
            booked_on=date(2025, 6, 10), targets=[Target(first.pk)],
        )  # fmt: skip
        assert _parts(payment) == [(1, D("484.03"), D("15.97"))]
        # On 31.08.2025 it owes 515,97 and 17,03 + 15 zł of interest: 548 zł, all taken.
        rest, _ = book_payment(
            party=owner, amount=D("600.00"), channel="cash", source="kasa", external_id="K-2",
            booked_on=date(2025, 8, 31), targets=[Target(first.pk)],
        )  # fmt: skip
        assert _parts(rest) == [(1, D("515.97"), D("32.03"))]
        assert rest.unallocated == D("52.00")  # an overpayment
        first.refresh_from_db()
        assert (first.paid, first.interest_paid, first.state) == (D("1000.00"), D("48.00"), "paid")


def test_without_targets_the_oldest_due_date_goes_first(towns):
    owner = f.party("zembrzyce")
    older = f.obligation(
        "zembrzyce", owner, year=2025, installments=[(date(2025, 3, 15), "200.00")]
    )
    newer = f.obligation(
        "zembrzyce", owner, year=2025, installments=[(date(2025, 9, 15), "200.00")]
    )
    with schema_context("zembrzyce"):
        payment, _ = book_payment(
            party=owner, amount=D("250.00"), channel="transfer", source="bank",
            external_id="OLD-FIRST", booked_on=date(2025, 12, 1),
        )  # fmt: skip
        by_obligation = {
            a.installment.obligation_id: (a.amount, a.interest)
            for a in PaymentAllocation.objects.filter(payment=payment).select_related("installment")
        }
    assert by_obligation == {older.pk: (D("200.00"), D("19.00")), newer.pk: (D("31.00"), D("0.00"))}


def test_a_civil_law_payment_goes_to_the_interest_first(towns):
    owner = f.party("zembrzyce")
    rent = f.obligation(
        "zembrzyce", owner, kind="dzierzawa", year=2025,
        installments=[(date(2025, 3, 31), "1000.00")],
    )  # fmt: skip
    with schema_context("zembrzyce"):
        payment, _ = book_payment(
            party=owner, amount=D("100.00"), channel="transfer", source="bank",
            external_id="RENT-1", booked_on=date(2025, 5, 30), obligation=rent,
        )  # fmt: skip
        assert _parts(payment) == [(1, D("81.82"), D("18.18"))]


def test_a_payment_in_one_town_settles_nothing_in_the_other(towns):
    owner = f.party("zembrzyce")
    tax = f.obligation("zembrzyce", owner, year=2025, installments=[(date(2025, 3, 15), "1000.00")])
    with schema_context("zembrzyce"):
        installment_id = Installment.objects.get(obligation=tax).pk
    stranger = f.party("glogow")
    with schema_context("glogow"):
        payment, _ = book_payment(
            party=stranger, amount=D("1033.00"), channel="transfer", source="bank",
            external_id="LATE-1", booked_on=date(2025, 6, 10),
        )  # fmt: skip
        assert payment.unallocated == D("1033.00")  # nothing of the stranger's to settle
    with schema_context("zembrzyce"):
        untouched = Installment.objects.get(pk=installment_id)
        assert (untouched.paid, untouched.interest_paid) == (D("0.00"), D("0.00"))


def test_the_overview_reads_the_payments_with_the_installments_and_agrees(towns):
    """Moje zobowiązania brings each installment's payments in the installments' own
    statement (three statements in all); its interest is the obligation page's."""
    owner = f.party("zembrzyce")
    tax = f.obligation("zembrzyce", owner, year=2025, installments=[(date(2025, 3, 15), "1000.00")])
    with schema_context("zembrzyce"):
        first = Installment.objects.get(obligation=tax)
        book_payment(
            party=owner, amount=D("500.00"), channel="cash", source="kasa", external_id="K-1",
            booked_on=date(2025, 6, 10), targets=[Target(first.pk)],
        )  # fmt: skip
        with CaptureQueriesContext(connection) as statements:
            overview = obligation_overview(owner)
        [year] = overview.shown
        [summary] = year.obligations
        installments = Installment.objects.filter(obligation=tax).select_related("obligation__kind")
        debts = debts_on(installments)
    assert len(statements.captured_queries) == 3
    assert debts[first.pk].carried == D("17.03")  # left unpaid of the 33 zł on 10.06.2025
    assert summary.balance.interest == debts[first.pk].interest > D("17.03")
    assert summary.balance.remaining == D("515.97")
