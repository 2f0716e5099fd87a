"""The payment cart: installments the resident chose to pay, kept in the session, one
cart per acting Party (switching whom one acts for never mixes two Parties' debts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _

from eurzad.finance.debts import debts_on
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.gateways.services import Item, PaymentRefused, checked_amount, open_intents_of
from eurzad.finance.interest.calculation import Debt, split
from eurzad.finance.models import Installment
from eurzad.finance.money import ZERO
from eurzad.parties.models import Party

__all__ = ["CartLine", "add_to_cart", "cart_items", "cart_lines", "clear_cart", "remove_from_cart"]

SESSION_KEY = "eurzad.payments.cart"


@dataclass(frozen=True)
class CartLine:
    installment: Installment
    amount: Decimal
    intent: PaymentIntent | None = None  # the unfinished payment it is already in
    debt: Debt | None = None  # what the installment owes today

    @property
    def split(self) -> tuple[Decimal, Decimal]:
        """(principal, interest) that ``amount`` settles if booked today."""
        if self.debt is None:
            return self.amount, ZERO
        return split(
            self.amount,
            self.debt.principal,
            self.debt.interest,
            self.installment.obligation.kind.interest_regime,
        )

    @property
    def to_principal(self) -> Decimal:
        return self.split[0]

    @property
    def to_interest(self) -> Decimal:
        return self.split[1]

    @property
    def short_of_debt(self) -> bool:
        """Less than the installment owes today: it stays partly unpaid."""
        return self.debt is not None and self.amount < self.debt.total

    @property
    def in_payment(self) -> bool:
        """In an unfinished payment: not to be paid again until that one is finished or
        cancelled."""
        return self.intent is not None


def _carts(session: SessionBase) -> dict[str, dict[str, str]]:
    return session.setdefault(SESSION_KEY, {})


def _cart(session: SessionBase, party: Party) -> dict[str, str]:
    return _carts(session).get(str(party.pk), {})


def _save(session: SessionBase, party: Party, cart: dict[str, str]) -> None:
    carts = _carts(session)
    carts[str(party.pk)] = cart
    session[SESSION_KEY] = carts  # reassigned so the session is saved
    session.modified = True


def parse_amount(raw: str | None) -> Decimal | None:
    """``"123,45"`` or ``"123.45"`` → Decimal; empty → None (the whole remainder)."""
    if raw is None or not raw.strip():
        return None
    try:
        value = Decimal(raw.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise PaymentRefused(_("Nieprawidłowa kwota.")) from None
    if not value.is_finite():
        raise PaymentRefused(_("Nieprawidłowa kwota."))
    return value


def add_to_cart(
    session: SessionBase,
    party: Party,
    installment_ids: Sequence[int],
    amounts: Mapping[int, Decimal | None],
) -> int:
    """Add the Party's installments (whole, or the given part) to its cart; returns how
    many were added. Raises PaymentRefused naming the first problem; then nothing is
    added."""
    installments = {
        installment.pk: installment
        for installment in Installment.objects.filter(
            pk__in=installment_ids, obligation__party=party
        ).select_related("obligation__kind")
    }
    if not installment_ids or len(installments) != len(set(installment_ids)):
        raise PaymentRefused(
            _("Wybierz raty do zapłaty.")
            if not installment_ids
            else _("Tej raty nie można tu zapłacić.")
        )
    cart = dict(_cart(session, party))
    debts = debts_on(installments.values())
    for pk in installment_ids:
        amount = checked_amount(installments[pk], amounts.get(pk), debts[pk])
        cart[str(pk)] = str(amount)
    _save(session, party, cart)
    return len(set(installment_ids))


def remove_from_cart(session: SessionBase, party: Party, installment_id: int) -> None:
    cart = dict(_cart(session, party))
    cart.pop(str(installment_id), None)
    _save(session, party, cart)


def clear_cart(session: SessionBase, party: Party, installment_ids: Sequence[int] = ()) -> None:
    cart = {} if not installment_ids else {
        pk: amount for pk, amount in _cart(session, party).items()
        if int(pk) not in installment_ids
    }  # fmt: skip
    _save(session, party, cart)


def cart_lines(session: SessionBase, party: Party) -> list[CartLine]:
    """The cart as it stands now: installments paid meanwhile drop out, amounts are
    capped at what remains with the interest due today."""
    cart = _cart(session, party)
    ids = [int(pk) for pk in cart]
    busy = open_intents_of(ids)
    installments = list(
        Installment.objects.filter(pk__in=ids, obligation__party=party)
        .select_related("obligation__kind")
        .order_by("due_date", "pk")
    )
    debts = debts_on(installments)
    lines = []
    for installment in installments:
        debt = debts[installment.pk]
        amount = min(Decimal(cart[str(installment.pk)]), debt.total)
        if amount > ZERO:
            lines.append(CartLine(installment, amount, busy.get(installment.pk), debt))
    return lines


def cart_items(session: SessionBase, party: Party) -> list[Item]:
    """What "Zapłać" pays: the cart's lines not already in a payment."""
    return [
        Item(line.installment.pk, line.amount)
        for line in cart_lines(session, party)
        if not line.in_payment
    ]
