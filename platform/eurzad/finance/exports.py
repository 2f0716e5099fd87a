"""Export of online payments for the town's finance system.

One CSV line per settled installment (and one for what a payment left unallocated), so
that the finance system books each part where it belongs: ``allocated_amount`` toward
the installment itself and ``allocated_interest`` toward its interest; both columns of a
payment's lines add up to its ``amount``. The file goes to the town's own system, so the
Party is named by its full identifier (external id, else NIP, else PESEL).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from eurzad.core.csv_export import SafeCsvWriter
from eurzad.finance.models import Payment
from eurzad.finance.money import ZERO, money
from eurzad.parties.models import Party

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

DELIMITER = ";"
COLUMNS = [
    "external_id",
    "source",
    "booked_on",
    "party_id",
    "party_id_type",
    "amount",
    "obligation_external_id",
    "installment_number",
    "allocated_amount",
    "allocated_interest",
    "title",
]


def party_identifier(party: Party) -> tuple[str, str]:
    """``(identifier, type)``: the back office's key first, then the NIP, then the PESEL."""
    if party.external_id:
        return party.external_id, "external_id"
    if party.nip:
        return party.nip, "nip"
    if party.pesel:
        return party.pesel, "pesel"
    return str(party.pk), "portal_id"


def _amount(value: Decimal, decimal_comma: bool) -> str:
    text = f"{money(value):.2f}"
    return text.replace(".", ",") if decimal_comma else text


def online_payments(since: date, until: date | None = None) -> QuerySet[Payment]:
    """Online payments booked from ``since`` to ``until`` (both inclusive), in a stable
    order: booking date, source, external id."""
    payments = Payment.objects.filter(channel=Payment.Channel.ONLINE, booked_on__gte=since)
    if until is not None:
        payments = payments.filter(booked_on__lte=until)
    return (
        payments.select_related("party", "obligation")
        .prefetch_related("allocations__installment__obligation")
        .order_by("booked_on", "source", "external_id", "pk")
    )


def export_rows(
    since: date, until: date | None = None, *, decimal_comma: bool = False
) -> Iterator[list[str]]:
    """The CSV lines (without the header) of :func:`online_payments`."""
    for payment in online_payments(since, until):
        party_id, party_id_type = party_identifier(payment.party)
        common = [
            payment.external_id,
            payment.source,
            payment.booked_on.isoformat(),
            party_id,
            party_id_type,
            _amount(payment.amount, decimal_comma),
        ]
        allocations = sorted(
            payment.allocations.all(),
            key=lambda a: (a.installment.obligation.external_id, a.installment.number, a.pk),
        )
        left = payment.amount
        for allocation in allocations:
            left -= allocation.amount + allocation.interest
            yield [
                *common,
                allocation.installment.obligation.external_id,
                str(allocation.installment.number),
                _amount(allocation.amount, decimal_comma),
                _amount(allocation.interest, decimal_comma),
                payment.title,
            ]
        if left > ZERO or not allocations:
            # An overpayment (or a payment not settled yet): booked to the obligation, if any.
            yield [
                *common,
                payment.obligation.external_id if payment.obligation else "",
                "",
                _amount(left, decimal_comma),
                _amount(ZERO, decimal_comma),
                payment.title,
            ]


def write_payments_csv(
    stream: SupportsWrite[str],
    since: date,
    until: date | None = None,
    *,
    decimal_comma: bool = False,
) -> int:
    """Write the header and the online payments of the period; returns how many payments."""
    writer = SafeCsvWriter(stream)
    writer.writerow(COLUMNS)
    payments: set[str] = set()
    for row in export_rows(since, until, decimal_comma=decimal_comma):
        payments.add(f"{row[1]}\x00{row[0]}")
        writer.writerow(row)
    return len(payments)
