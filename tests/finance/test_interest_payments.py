"""Paying an overdue installment with its interest online, through the Przelewy24
simulator: the cart proposes the installment with the interest to today; paying it all
leaves nothing, principal and interest booked apart; paying less is split in proportion,
shown in the cart before paying and in the confirmation after (Ordynacja podatkowa
art. 55 § 2). Expected amounts come from the formula (tests/finance/test_interest_pages.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context
from pypdf import PdfReader

from eurzad.finance.models import PaymentAllocation
from eurzad.finance.money import format_pln, money
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    HostClient,
    payments_server_fixture,
    world_fixture,
)
from tests.finance.test_gateways_flow import ZEMBRZYCE, installment, pay_through_simulator, town
from tests.finance.test_interest_pages import DUE, expected_interest, overdue_long_enough

PRINCIPAL = Decimal("1930.00")


@pytest.fixture
def today():
    return overdue_long_enough()


def _allocation(debtor) -> PaymentAllocation:  # type: ignore[no-untyped-def]
    with schema_context(debtor.schema):
        return PaymentAllocation.objects.select_related("payment").get(
            installment_id=debtor.installments[0].pk
        )


def test_paying_the_installment_with_its_interest_leaves_nothing(payments_server, world, today):
    interest = expected_interest("1930.00", today)
    debtor = world.debtor("zembrzyce", ("1930.00",), due=DUE)
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    page = client.get(
        town(
            payments_server,
            ZEMBRZYCE,
            f"/konto/zobowiazania/{debtor.installments[0].obligation_id}/",
        )
    )
    total, part = format_pln(PRINCIPAL + interest), format_pln(interest)
    assert f"do zapłaty na dziś {total}, w tym odsetki {part}" in page.text

    _client, back = pay_through_simulator(payments_server, debtor, "pay", client=client)
    assert "Płatność przyjęta" in back.text, back.text[-1500:]
    paid = installment(debtor)
    assert (paid.paid, paid.interest_paid, paid.remaining, paid.state) == (
        PRINCIPAL, interest, Decimal("0.00"), "paid",
    )  # fmt: skip
    allocation = _allocation(debtor)
    assert allocation.payment.amount == PRINCIPAL + interest
    assert (allocation.amount, allocation.interest) == (PRINCIPAL, interest)

    obligation = client.get(
        town(payments_server, ZEMBRZYCE, f"/konto/zobowiazania/{paid.obligation_id}/")
    )
    assert "Nic nie pozostało do zapłaty." in obligation.text
    receipt = client.get(
        town(payments_server, ZEMBRZYCE, f"/konto/wplaty/{allocation.payment_id}/potwierdzenie.pdf")
    )
    assert receipt.status_code == 200, receipt.status_code
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(receipt.content)).pages)
    assert "Na odsetki" in text and format_pln(interest).replace("\xa0", " ") in text.replace(
        "\xa0", " "
    )


def test_paying_less_is_split_in_proportion_shown_before_and_after(payments_server, world, today):
    interest = expected_interest("1930.00", today)
    debtor = world.debtor("zembrzyce", ("1930.00",), due=DUE)
    pk = debtor.installments[0].pk
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    to_principal = money(Decimal("1000.00") * PRINCIPAL / (PRINCIPAL + interest))
    to_interest = Decimal("1000.00") - to_principal

    cart = client.post_form(
        town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"),
        [("installment", str(pk)), (f"amount-{pk}", "1000,00")],
    )
    assert f"{format_pln(to_principal)} na ratę, {format_pln(to_interest)} na odsetki" in cart.text
    assert "po tej wpłacie część zostanie do zapłaty" in cart.text

    _client, back = pay_through_simulator(
        payments_server, debtor, "pay", {pk: "1000,00"}, client=client
    )
    assert "Płatność przyjęta" in back.text
    allocation = _allocation(debtor)
    assert (allocation.amount, allocation.interest) == (to_principal, to_interest)
    left = installment(debtor)
    assert left.state == "partial" and left.remaining == PRINCIPAL - to_principal
    detail = client.get(town(payments_server, ZEMBRZYCE, f"/konto/wplaty/{allocation.payment_id}/"))
    assert format_pln(to_principal) in detail.text and format_pln(to_interest) in detail.text
