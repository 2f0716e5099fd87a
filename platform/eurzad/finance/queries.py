"""What the resident area shows of a Party's obligations, installments and payments.

Every function takes the acting Party and reads only that Party's rows: a view never
filters by anything the browser sends without passing through here, so another Party's
obligation or payment id is simply not found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import (
    DecimalField,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.core.postgresql.compiled import CompiledQuery
from eurzad.finance.debts import debts_on, settlements_column, settlements_in
from eurzad.finance.models import Installment, Obligation, Payment, PaymentAllocation
from eurzad.finance.money import ZERO
from eurzad.finance.qr import (
    TITLE_LENGTH,
    AmountTooLarge,
    TransferQr,
    transfer_payload,
    transfer_qr_svg,
)
from eurzad.finance.services import Balance, balance
from eurzad.parties.models import Party

_PAYMENTS_WITH_ALLOCATIONS = Prefetch(
    "payments", queryset=Payment.objects.prefetch_related("allocations")
)
_MONEY = DecimalField(max_digits=12, decimal_places=2)


def left_over() -> Greatest:
    """A payment's part no installment took (an overpayment), in SQL: the totals of a
    Party with thousands of payments never read the payments themselves."""
    allocated = (
        PaymentAllocation.objects.filter(payment=OuterRef("pk"))
        .order_by()
        .values("payment")
        .annotate(total=Sum(F("amount") + F("interest")))
        .values("total")
    )
    return Greatest(
        F("amount") - Coalesce(Subquery(allocated, output_field=_MONEY), Value(ZERO)),
        Value(ZERO),
        output_field=_MONEY,
    )


def _left_over_of_obligation() -> Coalesce:
    """What the payments made for the (outer) obligation left over, summed."""
    left = (
        Payment.objects.filter(obligation=OuterRef("pk"))
        .order_by()
        .values("obligation")
        .annotate(total=Sum(left_over()))
        .values("total")
    )
    return Coalesce(Subquery(left, output_field=_MONEY), Value(ZERO), output_field=_MONEY)


def _sum(balances: Iterable[Balance]) -> Balance:
    due = paid = remaining = overdue = overpaid = interest = ZERO
    for item in balances:
        due += item.due
        paid += item.paid
        remaining += item.remaining
        overdue += item.overdue
        overpaid += item.overpaid
        interest += item.interest
    return Balance(due, paid, remaining, overdue, overpaid, interest)


@dataclass(frozen=True)
class ObligationSummary:
    """An obligation with its totals."""

    obligation: Obligation
    balance: Balance


@dataclass(frozen=True)
class YearSummary:
    """The obligations of one year, with the year's totals."""

    year: int
    obligations: list[ObligationSummary]
    balance: Balance


@dataclass(frozen=True)
class ObligationOverview:
    """ "Moje zobowiązania": the years there are, those shown, and the totals of all."""

    years: list[int]
    shown: list[YearSummary]
    total: Balance
    unassigned_overpayment: Decimal = ZERO  # paid with no obligation named, not used up


def _obligations_of(party_id: int) -> QuerySet[Obligation]:
    """The Party's obligations, newest year first, with their kind and ``left_over``, the
    overpayment of the payments made for each."""
    return (
        Obligation.objects.filter(party_id=party_id)
        .select_related("kind")
        .annotate(left_over=_left_over_of_obligation())
        .order_by("-year", "kind__order", "kind__name", "pk")
    )


def _unassigned_overpayment_of(party_id: int) -> QuerySet[Payment, tuple[Any]]:
    """What the Party paid without naming an obligation and was not used up (no row when
    it paid nothing so)."""
    return (
        Payment.objects.filter(party_id=party_id, obligation__isnull=True)
        .order_by()
        .values("party")
        .annotate(total=Sum(left_over()))
        .values_list("total")
    )


# Built once: Moje zobowiązania is one of the area's most visited pages.
_OBLIGATIONS = CompiledQuery(_obligations_of, party_id=-7_001)
_INSTALLMENTS = CompiledQuery(
    lambda party_id, today: Installment.objects.filter(obligation__party_id=party_id).annotate(
        settlements=settlements_column(today)
    ),
    party_id=-7_001,
    today=date(1901, 2, 3),
)  # in the model's order: by due date; with the payments toward each
_UNASSIGNED_OVERPAYMENT = CompiledQuery(_unassigned_overpayment_of, party_id=-7_001)


def obligation_overview(party: Party, year: int | None = None) -> ObligationOverview:
    """The Party's obligations grouped by year, newest first (only ``year`` if given),
    with per-obligation, per-year and overall totals and the interest to today (three
    statements, whatever the number of obligations)."""
    obligations = _OBLIGATIONS.instances(party_id=party.pk)
    regimes = {obligation.pk: obligation.kind.interest_regime for obligation in obligations}
    installments: dict[int, list[Installment]] = defaultdict(list)
    today = timezone.localdate()
    every_installment = _INSTALLMENTS.instances(party_id=party.pk, today=today)
    for installment in every_installment:
        installments[installment.obligation_id].append(installment)
    history = settlements_in(every_installment)
    debts = debts_on(every_installment, today, regimes=regimes, history=history)
    by_year: dict[int, list[ObligationSummary]] = {}
    for obligation in obligations:
        # The same rule as services.obligation_balance, with the payments' overpayment
        # summed in SQL.
        totals = balance(installments[obligation.pk], debts=debts)
        totals = replace(totals, overpaid=totals.overpaid + obligation.left_over)
        by_year.setdefault(obligation.year, []).append(ObligationSummary(obligation, totals))
    years = sorted(by_year, reverse=True)
    summaries = [
        YearSummary(y, items, _sum(item.balance for item in items)) for y, items in by_year.items()
    ]
    summaries.sort(key=lambda summary: summary.year, reverse=True)
    unassigned = unassigned_overpayment(party)
    total = _sum(summary.balance for summary in summaries)
    total = replace(total, overpaid=total.overpaid + unassigned)
    shown = [summary for summary in summaries if year is None or summary.year == year]
    return ObligationOverview(years, shown, total, unassigned)


def unassigned_overpayment(party: Party) -> Decimal:
    """What the Party paid without naming an obligation and was not used up."""
    rows = _UNASSIGNED_OVERPAYMENT.rows(party_id=party.pk)
    return (rows[0][0] if rows else None) or ZERO


@dataclass(frozen=True)
class AccountStatus:
    """What the finance sections of Mój e-Urząd say of the Party on every page of it."""

    overdue: Decimal  # arrears today: what remains of installments past their due date
    last_payment: date | None


def _account_status(party_id: int, today: date) -> QuerySet[Party, tuple[Any, Any]]:
    remaining = Greatest(
        F("amount") - F("paid"),
        Value(ZERO),
        output_field=_MONEY,
    )
    overdue = (
        Installment.objects.filter(obligation__party=OuterRef("pk"), due_date__lt=today)
        .exclude(state=Installment.State.CANCELLED)
        .order_by()
        .values("obligation__party")
        .annotate(total=Sum(remaining))
        .values("total")
    )
    last_payment = (
        Payment.objects.filter(party=OuterRef("pk"))
        .order_by()
        .values("party")
        .annotate(last=Max("booked_on"))
        .values("last")
    )
    return (
        Party.objects.filter(pk=party_id)
        .annotate(overdue=Subquery(overdue), last_payment=Subquery(last_payment))
        .values_list("overdue", "last_payment")
    )


_ACCOUNT_STATUS = CompiledQuery(_account_status, party_id=-7_001, today=date(1901, 2, 3))


def account_status(party: Party) -> AccountStatus:
    """The Party's arrears today and the date of its latest payment (one query, the menu
    of every page of Mój e-Urząd shows both)."""
    [(total, last)] = _ACCOUNT_STATUS.rows(party_id=party.pk, today=timezone.localdate())
    return AccountStatus(total or ZERO, last)


def obligation_of(party: Party, obligation_id: int) -> Obligation | None:
    """One of the Party's obligations, or None (someone else's, or none at all)."""
    return (
        Obligation.objects.filter(party=party, pk=obligation_id)
        .select_related("kind", "party")
        .prefetch_related("components", "installments", _PAYMENTS_WITH_ALLOCATIONS)
        .first()
    )


@dataclass(frozen=True)
class SettledPayment:
    """A payment as it bears on one obligation: how much of it went there. ``own`` is
    False for a payment of someone else (e.g. a representative's), whose details and
    receipt are not the obligation holder's to see."""

    payment: Payment
    settled: Decimal
    own: bool


def payments_settling(obligation: Obligation) -> list[SettledPayment]:
    """The payments that settled this obligation's installments, or were made for it,
    newest first, with the part of each that went to it (installments and interest)."""
    settled: dict[int, Decimal] = {}
    for payment_id, amount, interest in PaymentAllocation.objects.filter(
        installment__obligation=obligation
    ).values_list("payment_id", "amount", "interest"):
        settled[payment_id] = settled.get(payment_id, ZERO) + amount + interest
    payments = Payment.objects.filter(
        Q(pk__in=settled) | Q(obligation=obligation, party_id=obligation.party_id)
    ).order_by("-booked_on", "-pk")
    return [
        SettledPayment(
            payment, settled.get(payment.pk, ZERO), payment.party_id == obligation.party_id
        )
        for payment in payments
    ]


def payable_installments(obligation: Obligation) -> list[Installment]:
    """Installments with something still to pay, oldest due date first."""
    return [i for i in obligation.installments.all() if i.remaining > ZERO]


def transfer_title(obligation: Obligation) -> str:
    """The transfer title: the kind, shortened if need be, and always the year — within
    the QR code's 32 characters and 32 bytes of UTF-8 (eurzad.finance.qr)."""
    year = f" {obligation.year}"
    name = obligation.kind.name
    if len((name + year).encode("utf-8")) > TITLE_LENGTH:
        name = name[: TITLE_LENGTH - len(year)]
        while len((name + year).encode("utf-8")) > TITLE_LENGTH:
            name = name[:-1]
        if " " in name.strip():  # shortened: end on a whole word
            name = name.rsplit(" ", 1)[0]
    return name.rstrip() + year


def transfer_qr(
    obligation: Obligation, amount: Decimal, recipient: str, nip: str = ""
) -> TransferQr | None:
    """The Standard 2D transfer QR code for paying ``amount`` of the obligation into its
    own account; None without an account, with nothing to pay, or above what the format
    can carry (9 999,99 zł)."""
    if not obligation.bank_account or amount <= ZERO:
        return None
    title = transfer_title(obligation)
    try:
        payload = transfer_payload(
            account=obligation.bank_account,
            amount=amount,
            recipient=recipient,
            title=title,
            nip=nip,
        )
    except AmountTooLarge:
        return None
    fields = payload.split("|")
    return TransferQr(
        payload=payload,
        svg=transfer_qr_svg(payload),
        recipient=fields[4],
        account_display=obligation.bank_account_display,
        amount=amount,
        title=fields[5],
    )


def payments_of(party: Party) -> QuerySet[Payment]:
    """The Party's payments, newest first, with what each one settled."""
    return (
        Payment.objects.filter(party=party)
        .select_related("obligation__kind")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=PaymentAllocation.objects.select_related(
                    "installment__obligation__kind"
                ).order_by("installment__due_date", "installment__number", "pk"),
            )
        )
        .order_by("-booked_on", "-pk")
    )


def payment_of(party: Party, payment_id: int) -> Payment | None:
    """One of the Party's payments, or None."""
    return payments_of(party).filter(pk=payment_id).first()


@dataclass(frozen=True)
class ReceiptLine:
    """What part of a payment settled an installment: ``amount`` of the installment
    itself and ``interest`` of the interest on it."""

    what: str
    due_date: date | None
    amount: Decimal
    interest: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.amount + self.interest


@dataclass(frozen=True)
class Receipt:
    """What a payment confirmation states."""

    town: str
    office_address: str
    party_name: str
    party_identifier: str
    party_address: str
    payment: Payment
    channel: str
    lines: list[ReceiptLine] = field(default_factory=list)
    overpayment: Decimal = ZERO
    generated_at: datetime = field(default_factory=timezone.now)


def receipt_lines(payment: Payment) -> list[ReceiptLine]:
    return [
        ReceiptLine(
            what=_("%(kind)s %(year)s – rata %(number)s")
            % {
                "kind": allocation.installment.obligation.kind.name,
                "year": allocation.installment.obligation.year,
                "number": allocation.installment.number,
            },
            due_date=allocation.installment.due_date,
            amount=allocation.amount,
            interest=allocation.interest,
        )
        for allocation in payment.allocations.all()
    ]


def receipt_for(party: Party, payment: Payment, *, town: str, office_address: str) -> Receipt:
    """The confirmation of one of the Party's payments; the Party shown only by its name,
    address and masked identifier."""
    return Receipt(
        town=town,
        office_address=office_address,
        party_name=party.display_name,
        party_identifier=party.masked_identifier,
        party_address=", ".join(
            part for part in (party.street, f"{party.postal_code} {party.city}".strip()) if part
        ),
        payment=payment,
        channel=str(payment.get_channel_display()),
        lines=receipt_lines(payment),
        overpayment=max(payment.unallocated, ZERO),
    )
