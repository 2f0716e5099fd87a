"""Interest on an overdue installment, day by day, and how a payment is split.

Pure functions of numbers and dates (no database): the rules, with the article each one
comes from (docs/operators/finance.md quotes them):

- Interest runs from the day after the due date to the day of payment inclusive
  (Ordynacja podatkowa art. 53 § 4; Kodeks cywilny art. 481 § 1), at the rate in force
  on each day, per year of 365 days. A due date on a Saturday or a public holiday moves
  to the next working day (OP art. 12 § 5; KC art. 115).
- Tax arrears: the interest of each calculation (to a payment, or to the day asked
  about) is rounded to full złoty, 50 groszy up (OP art. 63 § 1), and not charged when
  it would not exceed the threshold (OP art. 54 § 1 pkt 5). A payment short of arrears
  plus interest is split between them in proportion to what each is on the day of
  payment (OP art. 55 § 2).
- Civil-law receivables: interest to the grosz, no threshold; a payment goes first to
  the interest due, then to the debt (KC art. 451 § 1).

What an installment owes on a day is its history replayed (:func:`debt_on`): the
payments already made, each with the principal and interest it settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from eurzad.finance.holidays import next_working_day
from eurzad.finance.interest.models import Regime
from eurzad.finance.money import ZERO, money

DAYS_IN_YEAR = Decimal(365)
HUNDRED = Decimal(100)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Rates:
    """The dated rates of one regime (and, for tax arrears, the dated threshold)."""

    regime: str
    changes: tuple[tuple[date, Decimal], ...]  # (in force from, annual %), any order
    thresholds: tuple[tuple[date, Decimal], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(sorted(self.changes)))
        object.__setattr__(self, "thresholds", tuple(sorted(self.thresholds)))

    def rate_on(self, day: date) -> Decimal:
        rate = None
        for valid_from, value in self.changes:
            if valid_from > day:
                break
            rate = value
        if rate is None:
            raise MissingRate(self.regime, day)
        return rate

    def threshold_on(self, day: date) -> Decimal:
        amount = ZERO
        for valid_from, value in self.thresholds:
            if valid_from > day:
                break
            amount = value
        return amount

    def spans(self, first: date, last: date) -> list[tuple[date, date, Decimal]]:
        """``first``–``last`` (inclusive) cut where the rate changes: (from, to, rate)."""
        if last < first:
            return []
        cuts = [valid_from for valid_from, _rate in self.changes if first < valid_from <= last]
        starts = [first, *cuts]
        ends = [cut - ONE_DAY for cut in cuts] + [last]
        return [(start, end, self.rate_on(start)) for start, end in zip(starts, ends, strict=True)]


class MissingRate(LookupError):
    """No rate of the regime is in force on the day (the table starts later)."""

    def __init__(self, regime: str, day: date) -> None:
        super().__init__(f"no {regime} interest rate in force on {day.isoformat()}")
        self.regime = regime
        self.day = day


@dataclass(frozen=True)
class Span:
    """Days of one rate: interest on ``principal`` from ``start`` to ``end`` inclusive."""

    start: date
    end: date
    principal: Decimal
    rate: Decimal
    exact: Decimal  # not rounded

    @property
    def days(self) -> int:
        return _days(self.start, self.end)


def accrue(principal: Decimal, first: date, last: date, rates: Rates) -> list[Span]:
    """Interest on ``principal`` for the days ``first``–``last`` inclusive, per rate."""
    if principal <= ZERO:
        return []
    return [
        Span(
            start,
            end,
            principal,
            rate,
            principal * rate * _days(start, end) / HUNDRED / DAYS_IN_YEAR,
        )
        for start, end, rate in rates.spans(first, last)
    ]


def _days(start: date, end: date) -> int:
    return (end - start).days + 1


def charged(exact: Decimal, on: date, rates: Rates) -> Decimal:
    """What is charged of an exact amount of interest calculated to ``on``."""
    if exact <= 0:
        return ZERO
    if rates.regime == Regime.TAX:
        if money(exact) <= rates.threshold_on(on):  # compared before rounding
            return ZERO
        return money(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return money(exact)


def split(
    payment: Decimal, principal: Decimal, interest: Decimal, regime: str
) -> tuple[Decimal, Decimal]:
    """(principal, interest) settled by ``payment`` toward a debt of ``principal`` with
    ``interest`` due on the day of payment; what exceeds both is not taken."""
    payment = money(payment)
    if payment <= ZERO:
        return ZERO, ZERO
    if payment >= principal + interest:
        return principal, interest
    if regime == Regime.CIVIL:
        to_interest = min(payment, interest)
        return min(payment - to_interest, principal), to_interest
    if interest <= ZERO:
        return min(payment, principal), ZERO
    to_principal = money(payment * principal / (principal + interest))
    return to_principal, payment - to_principal


@dataclass(frozen=True)
class Settlement:
    """A payment already made toward the installment: its day and what it settled."""

    on: date
    principal: Decimal
    interest: Decimal


@dataclass(frozen=True)
class Accrual:
    """Interest calculated up to a day (a payment, or the day asked about): the spans of
    days and rates, the exact sum and what is charged of it."""

    to: date
    spans: tuple[Span, ...]
    exact: Decimal
    charged: Decimal


@dataclass(frozen=True)
class Debt:
    """What an installment owes on a day."""

    on: date
    deadline: date  # the due date, moved past a Saturday or holiday
    principal: Decimal
    interest: Decimal  # interest left unpaid at earlier payments + interest to ``on``
    carried: Decimal  # of which: left unpaid at earlier payments
    accrual: Accrual | None  # the interest from the last payment (or the deadline) to ``on``
    history: tuple[Accrual, ...] = field(default=())  # the interest of each earlier payment

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


def _accrual(principal: Decimal, first: date, to: date, rates: Rates) -> Accrual:
    spans = tuple(accrue(principal, first, to, rates))
    exact = sum((span.exact for span in spans), Decimal(0))
    return Accrual(to, spans, exact, charged(exact, to, rates))


def debt_on(
    amount: Decimal,
    due_date: date,
    settlements: Iterable[Settlement],
    on: date,
    rates: Rates,
) -> Debt:
    """The installment of ``amount`` due on ``due_date``, after ``settlements`` (those
    after ``on`` are left out), as it stands at the end of ``on``."""
    deadline = next_working_day(due_date)  # OP art. 12 § 5, KC art. 115
    principal, carried = money(amount), ZERO
    accrues_from = deadline + ONE_DAY
    history: list[Accrual] = []
    for settlement in sorted(settlements, key=lambda s: s.on):
        if settlement.on > on:
            break
        accrual = None
        if rates.regime != Regime.NONE and settlement.on >= accrues_from:
            accrual = _accrual(principal, accrues_from, settlement.on, rates)
            history.append(accrual)
        due_interest = carried + (accrual.charged if accrual else ZERO)
        carried = max(due_interest - settlement.interest, ZERO)
        principal = max(principal - settlement.principal, ZERO)
        accrues_from = max(accrues_from, settlement.on + ONE_DAY)
        if principal <= ZERO:
            # Paid in full: by these rules no interest is left with it (an installment
            # settled before interest was split here is not charged after the fact).
            carried = ZERO
    accrual = None
    if rates.regime != Regime.NONE and principal > ZERO and on >= accrues_from:
        accrual = _accrual(principal, accrues_from, on, rates)
    interest = carried + (accrual.charged if accrual else ZERO)
    return Debt(on, deadline, principal, interest, carried, accrual, tuple(history))


def settle(
    payment: Decimal, debts: Sequence[tuple[object, Debt]], regime_of: dict[object, str]
) -> tuple[list[tuple[object, Decimal, Decimal]], Decimal]:
    """Spread ``payment`` over ``debts`` in the order given (oldest due date first, OP
    art. 62 § 1, unless the payer chose): [(key, principal, interest)], and what is left
    over (an overpayment)."""
    left = money(payment)
    parts: list[tuple[object, Decimal, Decimal]] = []
    for key, debt in debts:
        if left <= ZERO:
            break
        principal, interest = split(left, debt.principal, debt.interest, regime_of[key])
        if principal + interest <= ZERO:
            continue
        parts.append((key, principal, interest))
        left -= principal + interest
    return parts, left
