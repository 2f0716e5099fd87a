"""Sample taxes and fees, installments and payments for the demo towns' known persons and
for the demo sandbox account (Anna Przykładowa and her firm).

Safe to run again: every row has source "demo" and a stable external id, payments are
booked once per external id. The current year's installments fall on the statutory
dates; those already due are paid, except one left overdue so the demo always shows
arrears (from 15 March on): a house owner's first property-tax installment, unpaid since
March, so the interest on it is there to see and to pay.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from eurzad.core.postgresql.connection import connection
from eurzad.core.simulated_people import PEOPLE
from eurzad.finance.defaults import ensure_default_kinds
from eurzad.finance.models import Installment, Obligation, ObligationComponent, ObligationKind
from eurzad.finance.money import money
from eurzad.finance.services import Target, book_payment
from eurzad.parties.models import Party

SOURCE = "demo"
PROPERTY_TAX = "podatek-od-nieruchomosci"
WASTE_FEE = "oplata-odpady"
QUARTERS = ("03-15", "05-15", "09-15", "11-15")
# The demo accounts' bank branch (its check digit is computed below), so the numbers pass
# the banks' validation as real ones do.
BANK = "1020109"


@dataclass(frozen=True)
class Component:
    name: str
    base: str
    unit: str
    rate: str

    @property
    def amount(self) -> Decimal:
        return money(Decimal(self.base) * Decimal(self.rate))


def sorting_code(first_seven: str) -> str:
    """A bank branch number (8 digits) with its check digit (weights 3, 9, 7, 1, 3, 9, 7)."""
    total = sum(int(d) * w for d, w in zip(first_seven, (3, 9, 7, 1, 3, 9, 7), strict=True))
    return first_seven + str((10 - total % 10) % 10)


def nrb(account: str, branch: str = BANK) -> str:
    """A 26-digit NRB for a 16-digit account number at a branch (its first seven digits),
    with the IBAN check digits (ISO 7064 mod 97-10 over the number, "PL" = 25 21, and 00)."""
    bban = sorting_code(branch) + account
    check = 98 - int(bban + "252100") % 97
    return f"{check:02d}{bban}"


def _town_number() -> str:
    return f"{zlib.crc32(connection.schema_name.encode()) % 10000:04d}"


def _due(year: int, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    return date(year, month, day)


def _split(total: Decimal, count: int) -> list[Decimal]:
    """Equal installments, the rounding difference in the first one."""
    part = money(total / count)
    return [total - part * (count - 1), *[part] * (count - 1)]


def _obligation(
    party: Party,
    key: str,
    kind_code: str,
    year: int,
    *,
    account: str,
    components: list[Component],
    due_dates: list[date],
    document_number: str = "",
    amounts: list[Decimal] | None = None,
) -> Obligation:
    total = sum((c.amount for c in components), Decimal("0.00"))
    obligation, created = Obligation.objects.get_or_create(
        source=SOURCE,
        external_id=f"demo:{key}:{kind_code}:{year}",
        defaults={
            "party": party,
            "kind": ObligationKind.objects.get(code=kind_code),
            "year": year,
            "document_number": document_number,
            "document_date": date(year, 2, 10) if document_number else None,
            "bank_account": nrb(account),
            "amount": total,
        },
    )
    if created:
        for component in components:
            ObligationComponent.objects.create(
                obligation=obligation,
                name=component.name,
                base=Decimal(component.base),
                unit=component.unit,
                rate=Decimal(component.rate),
                amount=component.amount,
            )
        for number, (due, amount) in enumerate(
            zip(due_dates, amounts or _split(total, len(due_dates)), strict=True), 1
        ):
            Installment.objects.create(
                obligation=obligation, number=number, due_date=due, amount=amount
            )
    return obligation


def _pay(
    obligation: Obligation,
    installment: Installment,
    *,
    channel: str,
    amount: Decimal | None = None,
    days_early: int = 3,
) -> None:
    """Book a payment of ``installment`` (all that was due, or ``amount``) once."""
    book_payment(
        party=obligation.party,
        amount=amount if amount is not None else installment.amount,
        channel=channel,
        source=SOURCE,
        external_id=f"{obligation.external_id}:rata-{installment.number}",
        booked_on=installment.due_date - timedelta(days=days_early),
        targets=[Target(installment.pk)],
        obligation=obligation,
        title=f"{obligation.kind.name} {obligation.year} rata {installment.number}",
    )


def _settle_all_but_latest_due(obligation: Obligation, channel: str) -> None:
    """Pay what fell due before today, but the latest of it: that one stays overdue."""
    today = timezone.localdate()
    past = [i for i in obligation.installments.order_by("due_date") if i.due_date < today]
    for installment in past[:-1]:
        _pay(obligation, installment, channel=channel)


def _settle_all_but_first_due(obligation: Obligation, channel: str) -> None:
    """Pay what fell due before today, but the first of it (the 15 March installment):
    that one stays overdue, with interest on it from March."""
    today = timezone.localdate()
    past = [i for i in obligation.installments.order_by("due_date") if i.due_date < today]
    for installment in past[1:]:
        _pay(obligation, installment, channel=channel)


def _settle_due(obligation: Obligation, channel: str) -> None:
    today = timezone.localdate()
    for installment in obligation.installments.order_by("due_date"):
        if installment.due_date < today:
            _pay(obligation, installment, channel=channel)


def _resident_of_a_house(party: Party, key: str, number: int, *, shed: bool = True) -> None:
    """A house owner: property tax (four installments; last year's paid in one go, a
    little too much) and the waste fee, both with their own account numbers."""
    year = timezone.localdate().year
    town = _town_number()
    components = [
        Component("Grunty pozostałe", "850", "m²", "0.50"),
        Component("Budynki mieszkalne", "120", "m²", "1.10"),
    ]
    if shed:
        components.append(Component("Budynki pozostałe (garaż)", "24", "m²", "9.00"))
    current = _obligation(
        party, key, PROPERTY_TAX, year,
        account=f"0000{town}{number:04d}{year % 100:02d}01",
        components=components,
        due_dates=[_due(year, day) for day in QUARTERS],
        document_number=f"FN.3120.{number}.{year}",
    )  # fmt: skip
    _settle_all_but_first_due(current, "transfer")

    last_year = _obligation(
        party, key, PROPERTY_TAX, year - 1,
        account=f"0000{town}{number:04d}{(year - 1) % 100:02d}01",
        components=[
            Component("Grunty pozostałe", "850", "m²", "0.48"),
            Component("Budynki mieszkalne", "120", "m²", "1.00"),
        ],
        due_dates=[_due(year - 1, day) for day in QUARTERS],
        document_number=f"FN.3120.{number}.{year - 1}",
    )  # fmt: skip
    book_payment(
        party=party,
        amount=last_year.amount + Decimal("5.00"),  # rounded up by the payer: an overpayment
        channel="transfer",
        source=SOURCE,
        external_id=f"{last_year.external_id}:calosc",
        booked_on=date(year - 1, 3, 10),
        obligation=last_year,
        title=f"Podatek od nieruchomości {year - 1} całość",
    )

    waste = _obligation(
        party, key, WASTE_FEE, year,
        account=f"0000{town}{number:04d}{year % 100:02d}02",
        components=[Component("Gospodarstwo domowe – liczba osób", "2", "osoba", "19.50")],
        due_dates=[_due(year, day) for day in QUARTERS],
        amounts=[Decimal("39.00")] * 4,
    )  # fmt: skip
    _settle_due(waste, "online")


def _flat_owner(party: Party, key: str, number: int) -> None:
    """A flat owner: property tax under 100 zł, due at once by 15 March and paid; the
    waste fee, the second installment paid only in part."""
    year = timezone.localdate().year
    town = _town_number()
    tax = _obligation(
        party, key, PROPERTY_TAX, year,
        account=f"0000{town}{number:04d}{year % 100:02d}01",
        components=[
            Component("Budynki mieszkalne (lokal)", "64", "m²", "1.10"),
            Component("Grunty pozostałe (udział)", "40", "m²", "0.50"),
        ],
        due_dates=[_due(year, "03-15")],
        document_number=f"FN.3120.{number}.{year}",
    )  # fmt: skip
    _settle_due(tax, "online")
    waste = _obligation(
        party, key, WASTE_FEE, year,
        account=f"0000{town}{number:04d}{year % 100:02d}02",
        components=[Component("Gospodarstwo domowe – liczba osób", "1", "osoba", "37.50")],
        due_dates=[_due(year, day) for day in QUARTERS],
        amounts=[Decimal("37.50")] * 4,
    )  # fmt: skip
    today = timezone.localdate()
    installments = [i for i in waste.installments.order_by("due_date") if i.due_date < today]
    for index, installment in enumerate(installments):
        partial = Decimal("20.00") if index == 1 else None
        _pay(waste, installment, channel="cash", amount=partial)


def _firm(party: Party, key: str, number: int) -> None:
    """A firm: property tax in monthly installments (January by the 31st), all paid but
    the latest due one."""
    year = timezone.localdate().year
    town = _town_number()
    due_dates = [date(year, 1, 31)] + [date(year, month, 15) for month in range(2, 13)]
    tax = _obligation(
        party, key, PROPERTY_TAX, year,
        account=f"0000{town}{number:04d}{year % 100:02d}01",
        components=[
            Component("Budynki związane z działalnością gospodarczą", "480", "m²", "30.00"),
            Component("Grunty związane z działalnością gospodarczą", "1200", "m²", "0.50"),
        ],
        due_dates=due_dates,
        document_number=f"FN.3121.{number}.{year}",
    )  # fmt: skip
    _settle_all_but_latest_due(tax, "online")


# (who, by PESEL or Party external id, what they own, a number unique in the town)
NAMED = [
    (PEOPLE[0].pesel, "jan-kowalski", _resident_of_a_house, 1),
    (PEOPLE[1].pesel, "maria-wisniewska", _flat_owner, 2),
]
SANDBOX = [
    ("demo:mieszkaniec", "demo-mieszkaniec", _resident_of_a_house, 901),
    ("demo:firma", "demo-firma", _firm, 902),
]


@transaction.atomic
def ensure_demo_finances() -> None:
    """The sample obligations and payments of whichever demo persons this town knows."""
    ensure_default_kinds()
    parties = [
        (Party.objects.filter(pesel=pesel).first(), key, build, number)
        for pesel, key, build, number in NAMED
    ] + [
        (Party.objects.filter(external_id=external_id).first(), key, build, number)
        for external_id, key, build, number in SANDBOX
    ]
    for party, key, build, number in parties:
        if party is not None:
            build(party, key, number)
