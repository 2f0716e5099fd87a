"""Rozliczenie: a Party's account by year and kind of obligation, in the columns municipal
tax systems use — przypis, przypis korekcyjny, odpisy i umorzenia, wpłaty, zaległość,
odsetki, nadpłata, do zapłaty.

The town's tax system is the source of truth. Where it has stated the balance of a year
and kind (:class:`~eurzad.finance.models.AccountBalance`, from the CSV import or the
integration API), its figures are shown, with the day it stated them on. Elsewhere the
portal works them out for today from the obligations, installments and payments it holds.
Only one set of figures is ever shown for a year and kind, and it always says whose it is.

Where both exist, the portal's interest on the office's day is compared with the office's:
a difference means the two systems disagree on rates or on how payments were booked, and is
logged and counted (``eurzad_balance_interest_mismatches_total``) for the office to look
into; the resident sees the office's figure.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Q
from django.utils import timezone
from prometheus_client import Counter

from eurzad.core.metrics import current_town
from eurzad.finance.debts import debts_on, settlements_of
from eurzad.finance.interest.calculation import MissingRate, Settlement, debt_on
from eurzad.finance.interest.rates import rates_for
from eurzad.finance.models import (
    AccountBalance,
    Installment,
    Obligation,
    ObligationKind,
    Payment,
)
from eurzad.finance.money import ZERO
from eurzad.finance.queries import left_over
from eurzad.parties.models import Party

logger = logging.getLogger(__name__)

INTEREST_MISMATCHES = Counter(
    "eurzad_balance_interest_mismatches",
    "Balances from the tax system shown whose interest differs from the portal's calculation "
    "on the same day, by town (schema); one per computation (a page or app view).",
    ["town"],
)

_MONEY = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class Figures:
    """The columns of a balance (rozliczenie), for one year and kind or a year's total."""

    assessed: Decimal = ZERO  # przypis
    corrections: Decimal = ZERO  # przypis korekcyjny (may be negative)
    written_off: Decimal = ZERO  # odpisy i umorzenia
    paid: Decimal = ZERO  # wpłaty: on the amounts and on interest
    arrears: Decimal = ZERO  # zaległość: what is past its due date, without interest
    interest: Decimal = ZERO  # odsetki due
    overpayment: Decimal = ZERO  # nadpłata
    to_pay: Decimal = ZERO  # do zapłaty: what remains and the interest on it

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @classmethod
    def stated(cls, balance: AccountBalance) -> Figures:
        """The figures as the tax system stated them."""
        return cls(
            balance.assessed,
            balance.corrections,
            balance.written_off,
            balance.paid,
            balance.arrears,
            balance.interest,
            balance.overpayment,
            balance.to_pay,
        )


@dataclass(frozen=True)
class KindBalance:
    """One kind of obligation in one year: the office's statement (``by_office``, as of
    ``as_of``) or the portal's own figures for today."""

    kind: ObligationKind
    figures: Figures
    as_of: date
    by_office: bool


@dataclass(frozen=True)
class YearBalance:
    """One year: a row per kind and the year's totals."""

    year: int
    kinds: list[KindBalance]
    total: Figures

    @property
    def by_office(self) -> bool:
        """Every row is the office's statement."""
        return all(item.by_office for item in self.kinds)

    @property
    def by_portal(self) -> bool:
        """Every row is the portal's own calculation."""
        return not any(item.by_office for item in self.kinds)

    @property
    def office_days(self) -> list[date]:
        """The days the office's rows of the year were stated on, newest first."""
        return sorted({item.as_of for item in self.kinds if item.by_office}, reverse=True)


@dataclass(frozen=True)
class BalanceOverview:
    """The Party's balance, newest year first. ``unassigned_overpayment`` is what was paid
    without naming an obligation and not used up: it belongs to no year."""

    years: list[YearBalance]
    today: date
    unassigned_overpayment: Decimal = ZERO


Key = tuple[int, int]  # (year, kind id)


def _overpayments(party: Party) -> dict[int | None, Decimal]:
    """What the payments made for each of the Party's obligations left over, by
    obligation; under None what the Party paid without naming an obligation."""
    rows = (
        Payment.objects.filter(Q(obligation__party=party) | Q(party=party, obligation__isnull=True))
        .annotate(left=left_over())
        .filter(left__gt=0)
        .values_list("obligation_id", "left")
    )
    found: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for obligation_id, left in rows:
        found[obligation_id] += left
    return found


def _computed(
    obligations: Iterable[Obligation],
    installments: Iterable[Installment],
    overpayments: Mapping[int | None, Decimal],
    today: date,
) -> dict[Key, Figures]:
    """The portal's own figures for today, by (year, kind)."""
    by_id = {obligation.pk: obligation for obligation in obligations}
    parts: dict[Key, list[Figures]] = defaultdict(list)
    for obligation in by_id.values():
        key = (obligation.year, obligation.kind_id)
        parts[key].append(
            Figures(assessed=obligation.amount, overpayment=overpayments.get(obligation.pk, ZERO))
        )
    live = [i for i in installments if i.state != Installment.State.CANCELLED]
    regimes = {pk: obligation.kind.interest_regime for pk, obligation in by_id.items()}
    debts = debts_on(live, today, regimes)
    for installment in installments:
        obligation = by_id[installment.obligation_id]
        key = (obligation.year, obligation.kind_id)
        paid = min(installment.paid, installment.amount) + installment.interest_paid
        overpaid = max(installment.paid - installment.amount, ZERO)
        if installment.state == Installment.State.CANCELLED:
            # What was not paid of a cancelled installment was written off.
            written_off = max(installment.amount - installment.paid, ZERO)
            parts[key].append(Figures(written_off=written_off, paid=paid, overpayment=overpaid))
            continue
        interest = debts[installment.pk].interest
        remaining = installment.remaining
        parts[key].append(
            Figures(
                paid=paid,
                arrears=remaining if installment.due_date < today else ZERO,
                interest=interest,
                overpayment=overpaid,
                to_pay=remaining + interest,
            )
        )
    return {key: sum(figures, Figures()) for key, figures in parts.items()}


def interest_on(
    installments: Iterable[Installment],
    on: date,
    regimes: Mapping[int, str],
    history: Mapping[int, list[Settlement]],
) -> Decimal | None:
    """The interest the installments owed at the end of ``on`` by the portal's rules, the
    payments booked after that day left out (None when a rate of the day is not known).

    Unlike :func:`eurzad.finance.debts.debts_on`, which works from what remains today, the
    debt of a past day is replayed from the installment's whole history: a payment booked
    since then must not lower it."""
    total = ZERO
    for installment in installments:
        if installment.state == Installment.State.CANCELLED or installment.due_date >= on:
            continue
        settlements = history.get(installment.pk, [])
        # What was paid without an allocation row counts as paid on time (as in debts.py).
        start = installment.remaining + sum((s.principal for s in settlements), ZERO)
        if start <= ZERO:
            continue
        regime = regimes[installment.obligation_id]
        try:
            debt = debt_on(start, installment.due_date, settlements, on, rates_for(regime))
        except MissingRate:
            return None
        total += debt.interest
    return total


def _compare_interest(
    party: Party,
    stated: AccountBalance,
    installments: list[Installment],
    regimes: Mapping[int, str],
    history: Mapping[int, list[Settlement]],
) -> None:
    """Log and count the office's interest when the portal's for the same day differs."""
    ours = interest_on(installments, stated.as_of, regimes, history)
    if ours is None or ours == stated.interest:
        return
    logger.warning(
        "Interest of the tax system's balance differs from the portal's: party %s, year %s, "
        "kind %s, as of %s: tax system %s, portal %s",
        party.pk, stated.year, stated.kind.code, stated.as_of, stated.interest, ours,
    )  # fmt: skip
    INTEREST_MISMATCHES.labels(current_town()).inc()


def _check_stated_interest(
    party: Party, stated: Mapping[Key, AccountBalance], installments: list[Installment]
) -> None:
    """Compare each statement's interest with the portal's, where the portal holds
    installments of that year and kind (without them it knows nothing to compare)."""
    grouped: dict[Key, list[Installment]] = defaultdict(list)
    for installment in installments:
        obligation = installment.obligation
        if (obligation.year, obligation.kind_id) in stated:
            grouped[(obligation.year, obligation.kind_id)].append(installment)
    if not grouped:
        return
    history = settlements_of(i.pk for group in grouped.values() for i in group)
    regimes = {
        i.obligation_id: i.obligation.kind.interest_regime for g in grouped.values() for i in g
    }
    for key, group in grouped.items():
        _compare_interest(party, stated[key], group, regimes, history)


def account_balances(party: Party, today: date | None = None) -> BalanceOverview:
    """The Party's balance by year (newest first) and kind of obligation: the tax
    system's statement where the office has sent one, the portal's own figures for today
    (``today``, by default the current day) otherwise; with each year's totals.

    The portal's figures: przypis is the obligations' amounts; przypis korekcyjny 0 (the
    portal knows only the current amount); odpisy what was not paid of cancelled
    installments; wpłaty what settled installments and their interest; zaległość what
    remains of installments past their due date; odsetki the interest due today
    (:mod:`eurzad.finance.debts`); nadpłata what payments and installments were paid
    beyond what they settled; do zapłaty what remains and its interest.
    """
    today = today or timezone.localdate()
    obligations = list(Obligation.objects.filter(party=party).select_related("kind"))
    by_id = {obligation.pk: obligation for obligation in obligations}
    installments = list(Installment.objects.filter(obligation__party=party).order_by())
    for installment in installments:
        installment.obligation = by_id[installment.obligation_id]
    overpayments = _overpayments(party)
    computed = _computed(obligations, installments, overpayments, today)
    stated = {
        (balance.year, balance.kind_id): balance
        for balance in AccountBalance.objects.filter(party=party).select_related("kind")
    }
    _check_stated_interest(party, stated, installments)

    kinds = {obligation.kind_id: obligation.kind for obligation in obligations}
    kinds.update({balance.kind_id: balance.kind for balance in stated.values()})
    by_year: dict[int, list[KindBalance]] = defaultdict(list)
    for year, kind_id in {*computed, *stated}:
        office = stated.get((year, kind_id))
        if office is not None:
            row = KindBalance(kinds[kind_id], Figures.stated(office), office.as_of, True)
        else:
            row = KindBalance(kinds[kind_id], computed[(year, kind_id)], today, False)
        by_year[year].append(row)
    years = []
    for year in sorted(by_year, reverse=True):
        rows = sorted(by_year[year], key=lambda row: (row.kind.order, row.kind.name, row.kind.pk))
        years.append(YearBalance(year, rows, sum((row.figures for row in rows), Figures())))
    return BalanceOverview(years, today, overpayments.get(None, ZERO))


__all__ = [
    "INTEREST_MISMATCHES",
    "BalanceOverview",
    "Figures",
    "KindBalance",
    "YearBalance",
    "account_balances",
    "interest_on",
]
