"""Test data for the finance import, export and reminders: valid (fictitious) PESEL, NIP
and NRB numbers that do not collide with the demo towns' data, CSV text, residents."""

from __future__ import annotations

import io
import itertools
import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from stdnum import iban

from eurzad.finance.models import Installment, Obligation, ObligationKind
from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party

_serial = itertools.count(random.SystemRandom().randrange(1000, 8000))


def pesel(born: date = date(1970, 1, 1)) -> str:
    """A valid PESEL (born in the 20th century), unique within the test session."""
    serial = next(_serial) % 10000
    digits = f"{born:%y%m%d}{serial:04d}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)


def nip() -> str:
    """A valid NIP, unique within the test session."""
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        digits = f"97{next(_serial) % 10000:04d}{random.randrange(1000):03d}"
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return digits + str(check)


def nrb(account: int | None = None) -> str:
    """A valid 26-digit NRB at a made-up bank sort code."""
    bban = f"10901014{account if account is not None else random.randrange(10**16):016d}"
    return iban.calc_check_digits("PL00" + bban) + bban


def bad_checksum(number: str) -> str:
    """The same number with its last digit changed: the check digit no longer fits."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def csv_text(header: list[str], rows: list[list[object]]) -> io.StringIO:
    lines = [";".join(header)] + [";".join("" if v is None else str(v) for v in r) for r in rows]
    return io.StringIO("\n".join(lines) + "\n")


def kind(code: str = "podatek-od-nieruchomosci") -> ObligationKind:
    return ObligationKind.objects.get(code=code)


def natural_party(**fields: object) -> Party:
    values = {"kind": Party.Kind.NATURAL, "first_name": "Anna", "last_name": "Testowa"}
    values["pesel"] = pesel()
    values.update(fields)
    return Party.objects.create(**values)


def obligation(
    party: Party,
    *,
    external_id: str,
    installments: list[tuple[date, str]],
    code: str = "podatek-od-nieruchomosci",
    year: int = 2026,
    source: str = "import",
) -> Obligation:
    total = sum((Decimal(amount) for _day, amount in installments), Decimal("0.00"))
    result = Obligation.objects.create(
        party=party, kind=kind(code), year=year, amount=total, external_id=external_id,
        source=source, document_number=f"FN.3120.{external_id}",
    )  # fmt: skip
    for number, (day, amount) in enumerate(installments, 1):
        Installment.objects.create(
            obligation=result, number=number, due_date=day, amount=Decimal(amount)
        )
    return result


def resident(party: Party | None, *, username: str, email: str = "",
             notify_by_email: bool = True) -> Resident:  # fmt: skip
    user = get_user_model().objects.create_user(username=username, email=email)
    return Resident.objects.create(user=user, party=party, notify_by_email=notify_by_email)


def mandate(resident: Resident, party: Party, scope: str, **fields: object) -> Representation:
    values = {"valid_from": date(2020, 1, 1)}
    values.update(fields)
    return Representation.objects.create(resident=resident, party=party, scope=scope, **values)
