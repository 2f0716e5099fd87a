"""Booking payments and settling installments with them; a Party's balance.

Every change to what an installment has been paid goes through :func:`book_payment`:
installments are locked row by row (in primary-key order, so two bookings never
deadlock), and a payment is booked once per (source, external id), however often its
notification or import row arrives. A payment toward an overdue installment settles its
principal and the interest due on the day of payment, split as the law of the
installment's kind says (:mod:`eurzad.finance.interest.calculation`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from eurzad.finance.debts import debts_on
from eurzad.finance.interest.calculation import Debt, split
from eurzad.finance.models import Installment, Obligation, Payment, PaymentAllocation
from eurzad.finance.money import ZERO, money
from eurzad.parties.models import Party


@dataclass(frozen=True)
class Target:
    """Pay ``amount`` (or, with None, all that remains with its interest) toward this
    installment."""

    installment_id: int
    amount: Decimal | None = None


def _lock(installment_ids: Iterable[int]) -> dict[int, Installment]:
    locked = (
        Installment.objects.select_for_update(of=("self",))
        .select_related("obligation__kind")
        .filter(pk__in=sorted(set(installment_ids)))
        .order_by("pk")
    )
    return {installment.pk: installment for installment in locked}


@transaction.atomic
def book_payment(
    *,
    party: Party,
    amount: Decimal,
    channel: str,
    source: str,
    external_id: str,
    booked_on: date | None = None,
    targets: Sequence[Target] = (),
    obligation: Obligation | None = None,
    title: str = "",
) -> tuple[Payment, bool]:
    """Book a payment and settle installments with it; returns (payment, created).

    With ``targets`` the given installments are settled, in that order, up to the amount
    each names; otherwise the obligation's (or the Party's) installments, oldest due date
    first (Ordynacja podatkowa art. 62 § 1). Toward each, the payment covers what remains
    and the interest due on ``booked_on``; a part short of both is split between them
    (proportionally for tax arrears, interest first for civil-law ones). What is left is
    an overpayment.
    """
    amount = money(amount)
    existing = Payment.objects.filter(source=source, external_id=external_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                party=party,
                obligation=obligation,
                booked_on=booked_on or timezone.localdate(),
                amount=amount,
                channel=channel,
                source=source,
                external_id=external_id,
                title=title[:200],
            )
    except IntegrityError:  # the same payment booked at this very moment elsewhere
        return Payment.objects.get(source=source, external_id=external_id), False
    if not targets:
        open_installments = Installment.objects.filter(
            obligation__party=party, state__in=[Installment.State.OPEN, Installment.State.PARTIAL]
        )
        if obligation is not None:
            open_installments = open_installments.filter(obligation=obligation)
        targets = [
            Target(pk)
            for pk in open_installments.order_by("due_date", "pk").values_list("pk", flat=True)
        ]
    locked = _lock(target.installment_id for target in targets)
    debts = debts_on(locked.values(), payment.booked_on)
    left = amount
    for target in targets:
        installment = locked.get(target.installment_id)
        if installment is None or left <= ZERO:
            continue
        debt = debts[installment.pk]
        wanted = debt.total if target.amount is None else min(money(target.amount), debt.total)
        principal, interest = split(
            min(wanted, left),
            debt.principal,
            debt.interest,
            installment.obligation.kind.interest_regime,
        )
        if principal + interest <= ZERO:
            continue
        PaymentAllocation.objects.create(
            payment=payment, installment=installment, amount=principal, interest=interest
        )
        installment.paid += principal
        installment.interest_paid += interest
        installment.refresh_state()
        installment.save(update_fields=["paid", "interest_paid", "state"])
        left -= principal + interest
    return payment, True


@dataclass(frozen=True)
class Balance:
    """What a Party (or one obligation) owes: totals due, paid, still to pay, overdue
    (arrears), overpaid, and the interest on the arrears due today."""

    due: Decimal
    paid: Decimal
    remaining: Decimal
    overdue: Decimal
    overpaid: Decimal
    interest: Decimal = ZERO

    @property
    def to_pay(self) -> Decimal:
        """Do zapłaty na dziś: what remains and the interest on it to today."""
        return self.remaining + self.interest


def balance(
    installments: Iterable[Installment],
    payments: Iterable[Payment] = (),
    debts: Mapping[int, Debt] | None = None,
) -> Balance:
    """Totals of ``installments``; with ``debts`` (:func:`eurzad.finance.debts.debts_on`)
    the interest due on them today too."""
    today = timezone.localdate()
    installments = list(installments)
    due = paid = remaining = overdue = interest = ZERO
    for installment in installments:
        if installment.state == Installment.State.CANCELLED:
            continue
        due += installment.amount
        paid += min(installment.paid, installment.amount)
        remaining += installment.remaining
        if installment.due_date < today:
            overdue += installment.remaining
        if debts is not None and installment.pk in debts:
            interest += debts[installment.pk].interest
    overpaid = sum((max(p.unallocated, ZERO) for p in payments), ZERO)
    overpaid += sum(
        (max(i.paid - i.amount, ZERO) for i in installments if i.state != "cancelled"), ZERO
    )
    return Balance(due, paid, remaining, overdue, overpaid, interest)


def obligation_balance(obligation: Obligation) -> Balance:
    installments = list(obligation.installments.all())
    regime = obligation.kind.interest_regime
    return balance(
        installments,
        obligation.payments.prefetch_related("allocations"),
        debts_on(installments, regimes={obligation.pk: regime}),
    )
