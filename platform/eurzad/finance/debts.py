"""What an installment owes on a day: what remains of it and the interest on it.

The glue between the installments in the database and the rules of
:mod:`eurzad.finance.interest.calculation`: the payments already made toward each installment
(their allocation rows, with the day each was booked) are replayed with the rates of the
installment's kind of obligation.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, F, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone

from eurzad.finance.interest.calculation import Debt, MissingRate, Rates, Settlement, debt_on
from eurzad.finance.interest.rates import rates_for
from eurzad.finance.models import Installment, PaymentAllocation
from eurzad.finance.money import ZERO

logger = logging.getLogger(__name__)


def accrues_interest(installment: Installment, on: date) -> bool:
    """Whether anything of it can carry interest on ``on`` (something left, past due)."""
    return installment.remaining > ZERO and installment.due_date < on


def settlements_of(installment_ids: Iterable[int]) -> dict[int, list[Settlement]]:
    """The payments made toward each installment: (day booked, principal, interest)."""
    found: dict[int, list[Settlement]] = defaultdict(list)
    ids = list(installment_ids)
    if not ids:
        return found
    rows = (
        PaymentAllocation.objects.filter(installment_id__in=ids)
        .order_by("payment__booked_on", "pk")
        .values_list("installment_id", "payment__booked_on", "amount", "interest")
    )
    for installment_id, booked_on, principal, interest in rows:
        found[installment_id].append(Settlement(booked_on, principal, interest))
    return found


def settlements_column(on: date) -> Case:
    """The payments made toward the (outer) installment, as an annotation read back by
    :func:`settlements_in`: the installments' own statement brings them, where
    :func:`settlements_of` takes one more. Only for an installment that can carry
    interest on ``on`` (something left, past due: :func:`accrues_interest`); PostgreSQL
    skips the subquery for the others. Amounts travel as text (JSON numbers would arrive
    as floats)."""
    payments = ArraySubquery(
        PaymentAllocation.objects.filter(installment=OuterRef("pk"))
        .order_by("payment__booked_on", "pk")
        .values(
            settlement=JSONObject(
                on=F("payment__booked_on"),
                principal=Cast("amount", TextField()),
                interest=Cast("interest", TextField()),
            )
        )
    )
    accrues = Q(paid__lt=F("amount"), due_date__lt=on) & ~Q(state=Installment.State.CANCELLED)
    return Case(
        When(accrues, then=payments), default=Value(None), output_field=payments.output_field
    )


def settlements_in(
    installments: Iterable[Installment], column: str = "settlements"
) -> dict[int, list[Settlement]]:
    """:func:`settlements_of` from installments annotated with :func:`settlements_column`."""
    return {
        installment.pk: [
            Settlement(
                date.fromisoformat(row["on"]), Decimal(row["principal"]), Decimal(row["interest"])
            )
            for row in getattr(installment, column) or ()
        ]
        for installment in installments
    }


def debt_of(
    installment: Installment,
    settlements: list[Settlement],
    on: date,
    regime: str,
    rates: Rates | None = None,
) -> Debt:
    """The installment on ``on`` (``rates``: those of ``regime``, if already read). What
    it has been paid without an allocation row (the office's own records) counts as paid
    on time; payments recorded after ``on`` count as not yet made."""
    if not accrues_interest(installment, on):
        return Debt(on, installment.due_date, installment.remaining, ZERO, ZERO, None)
    # What it owed before any payment recorded here: what remains now and every recorded
    # payment's principal (those after ``on`` too: on ``on`` they had not been made).
    before = installment.remaining + sum((s.principal for s in settlements), ZERO)
    try:
        return debt_on(before, installment.due_date, settlements, on, rates or rates_for(regime))
    except MissingRate as missing:
        logger.warning(
            "No %s interest rate on %s: installment %s shown without interest",
            missing.regime, missing.day, installment.pk,
        )  # fmt: skip
        return Debt(on, installment.due_date, installment.remaining, ZERO, ZERO, None)


def debts_on(
    installments: Iterable[Installment],
    on: date | None = None,
    regimes: Mapping[int, str] | None = None,
    history: Mapping[int, list[Settlement]] | None = None,
) -> dict[int, Debt]:
    """Each installment's debt on ``on`` (today by default), by installment id.

    ``regimes``: the interest regime by obligation id; without it each installment's
    ``obligation.kind`` is read (select it with the installments). ``history``: the
    payments made toward them, if already read (:func:`settlements_in`)."""
    on = on or timezone.localdate()
    installments = list(installments)
    if history is None:
        # The payments of every installment with something left (not only those overdue
        # now): one statement, whatever the data, on every page that shows installments.
        history = settlements_of(i.pk for i in installments if i.remaining > ZERO)
    rates: dict[str, Rates] = {}  # read once per regime, not per installment
    debts = {}
    for installment in installments:
        regime = (
            regimes[installment.obligation_id]
            if regimes is not None
            else installment.obligation.kind.interest_regime
        )
        if regime not in rates and accrues_interest(installment, on):
            rates[regime] = rates_for(regime)
        debts[installment.pk] = debt_of(
            installment, history.get(installment.pk, []), on, regime, rates.get(regime)
        )
    return debts


def debt_today(installment: Installment) -> Debt:
    """One installment's debt today (its ``obligation.kind`` selected with it)."""
    return debts_on([installment])[installment.pk]


__all__ = [
    "Debt",
    "accrues_interest",
    "debt_of",
    "debt_today",
    "debts_on",
    "settlements_column",
    "settlements_in",
    "settlements_of",
]
