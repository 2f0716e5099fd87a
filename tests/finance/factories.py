"""Obligations, installments and payments for the finance tests (inside a town's schema)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.demo.finance import nrb
from eurzad.finance.models import (
    Installment,
    Obligation,
    ObligationComponent,
    ObligationKind,
    Payment,
)
from eurzad.finance.services import Target, book_payment
from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party
from tests.conftest import host_client

_numbers = count(1)


def party(schema: str, **kwargs: object) -> Party:
    with schema_context(schema):
        kwargs.setdefault("kind", Party.Kind.NATURAL)
        if kwargs["kind"] == Party.Kind.NATURAL:
            kwargs.setdefault("first_name", "Anna")
            kwargs.setdefault("last_name", "Nowak")
        return Party.objects.create(**kwargs)


def resident(schema: str, own: Party, **kwargs: object) -> Resident:
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"fin-test-{next(_numbers)}")
        return Resident.objects.create(user=user, party=own, **kwargs)


def logged_in(schema: str, host: str, who: Resident) -> Client:
    client = host_client(host)
    with schema_context(schema):
        client.force_login(who.user)
    return client


def mandate(schema: str, who: Resident, for_party: Party, scope: str = "pay") -> Representation:
    with schema_context(schema):
        return Representation.objects.create(
            resident=who,
            party=for_party,
            scope=scope,
            valid_from=timezone.localdate() - timedelta(days=30),
        )


def obligation(
    schema: str,
    owner: Party,
    *,
    year: int | None = None,
    kind: str = "podatek-od-nieruchomosci",
    installments: Sequence[tuple[date, str]] = (),
    components: Sequence[tuple[str, str, str, str, str]] = (),
    account: str | None = None,
    document_number: str = "",
) -> Obligation:
    """An obligation with ``installments`` (due date, amount) and ``components`` (name,
    base, unit, rate, amount); its amount is the installments' sum."""
    number = next(_numbers)
    with schema_context(schema):
        created = Obligation.objects.create(
            party=owner,
            kind=ObligationKind.objects.get(code=kind),
            year=year or timezone.localdate().year,
            document_number=document_number,
            document_date=date(2026, 2, 10) if document_number else None,
            bank_account=account if account is not None else nrb(f"55550000{number:08d}"),
            amount=sum((Decimal(amount) for _due, amount in installments), Decimal("0.00")),
            source="test",
            external_id=f"OB-{number}",
        )
        for position, (due, amount) in enumerate(installments, 1):
            Installment.objects.create(
                obligation=created, number=position, due_date=due, amount=Decimal(amount)
            )
        for name, base, unit, rate, amount in components:
            ObligationComponent.objects.create(
                obligation=created,
                name=name,
                base=Decimal(base) if base else None,
                unit=unit,
                rate=Decimal(rate) if rate else None,
                amount=Decimal(amount),
            )
        return created


def pay(
    schema: str,
    owner: Party,
    amount: str,
    *,
    obligation: Obligation | None = None,
    installments: Sequence[Installment] = (),
    channel: str = "transfer",
    booked_on: date | None = None,
    title: str = "",
) -> Payment:
    with schema_context(schema):
        payment, _created = book_payment(
            party=owner,
            amount=Decimal(amount),
            channel=channel,
            source="test",
            external_id=f"PAY-{next(_numbers)}",
            booked_on=booked_on,
            targets=[Target(i.pk) for i in installments],
            obligation=obligation,
            title=title,
        )
        return payment


def installments_of(schema: str, of: Obligation) -> list[Installment]:
    with schema_context(schema):
        return list(of.installments.order_by("number"))
