"""Paying from the phone: the pay scope, the demo account, bad carts, and the gateway."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from eurzad.core.keys import digest
from eurzad.finance.gateways.models import GatewayConfig, PaymentIntent
from eurzad.identity.models import MobileDevice
from tests.api.mobile.helpers import API, api_client, paired_token, resident_with_pin
from tests.conftest import ZEMBRZYCE_HOST
from tests.finance.factories import installments_of, mandate, obligation, party
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    payments_server_fixture,
    world_fixture,
)

SCHEMA = "zembrzyce"
PAYMENTS = f"{API}/payments/"


def _owed(owner):  # type: ignore[no-untyped-def]
    tax = obligation(
        SCHEMA, owner, installments=[("2026-03-15", "120.00"), ("2026-05-15", "80.00")]
    )
    return installments_of(SCHEMA, tax)


def _start(client, items, strona_id=None):  # type: ignore[no-untyped-def]
    query = f"?strona_id={strona_id}" if strona_id else ""
    return client.post(PAYMENTS + query, {"installments": items}, content_type="application/json")


def test_view_only_mandate_cannot_pay_for_the_party(towns):
    ewa = resident_with_pin(SCHEMA)
    firm = party(SCHEMA, kind="legal", name="Firma Ewy", nip="1234563218")
    mandate(SCHEMA, ewa, firm, scope="view")
    [first, _second] = _owed(firm)
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))
    answer = _start(phone, [{"id": first.pk}], strona_id=firm.pk)
    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/pay-scope-required")
    with schema_context(SCHEMA):
        assert not PaymentIntent.objects.filter(party=firm).exists()


def test_paying_for_a_party_not_represented_at_all_is_refused(towns):
    ewa = resident_with_pin(SCHEMA)
    stranger = party(SCHEMA, first_name="Obcy", last_name="Człowiek")
    [first, _second] = _owed(stranger)
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))
    assert _start(phone, [{"id": first.pk}], strona_id=stranger.pk).status_code == 403
    refused = _start(phone, [{"id": first.pk}])  # as herself: not her installment
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/payment-refused")
    with schema_context(SCHEMA):
        assert not PaymentIntent.objects.filter(party=stranger).exists()


def test_demo_account_cannot_pay(towns):
    demo = resident_with_pin(SCHEMA, is_demo=True)
    [first, _second] = _owed(demo.party)
    # The demo account cannot pair; a device is made by hand to prove the second wall.
    with schema_context(SCHEMA):
        MobileDevice.objects.create(resident=demo, name="x", token_hash=digest("demo-t"))
    answer = _start(api_client(ZEMBRZYCE_HOST, "demo-t"), [{"id": first.pk}])
    assert answer.status_code == 403 and answer.json()["type"].endswith("/demo-account")


@pytest.mark.parametrize(
    "items",
    [[], [{"id": "x"}], [{"id": 1, "amount": "-5"}], [{"id": 1, "amount": "1.234"}],
     [{"id": 1}, {"id": 1}], [{}]],
)  # fmt: skip
def test_malformed_cart_is_a_400_with_field_errors(towns, items):
    ewa = resident_with_pin(SCHEMA)
    answer = _start(api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa)), items)
    assert answer.status_code == 400, answer.content
    assert "installments" in answer.json()["errors"]


def test_amount_above_what_remains_is_a_409_in_the_callers_language(towns):
    ewa = resident_with_pin(SCHEMA)
    [first, _second] = _owed(ewa.party)
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa), language="en")
    answer = _start(phone, [{"id": first.pk, "amount": "500.00"}])
    assert answer.status_code == 409
    body = answer.json()
    assert set(body) == {"type", "title", "status", "detail"}
    assert body["title"] == "Conflict" or body["title"] == "Konflikt"
    assert answer["Content-Language"] == "en"


@pytest.mark.slow
def test_payment_starts_and_redirects_to_the_towns_configured_gateway(payments_server, world):
    debtor = world.debtor(SCHEMA, ("100.00", "50.00"))
    with schema_context(SCHEMA):
        from eurzad.identity.pin import set_pin

        set_pin(debtor.resident, "4821")
        config = GatewayConfig.objects.get(gateway="przelewy24", enabled=True)
    token = paired_token(SCHEMA, debtor.resident)
    phone = api_client(ZEMBRZYCE_HOST, token)
    first, second = debtor.installments
    answer = _start(phone, [{"id": first.pk}, {"id": second.pk, "amount": "20.00"}])
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "pending" and body["amount"] == "120.00"
    assert body["redirect_url"].startswith(config.api_base_url.rstrip("/") + "/")
    assert "/symulator-p24/trnRequest/" in body["redirect_url"]
    status = phone.get(f"{PAYMENTS}intents/{body['id']}/")
    assert status.status_code == 200 and status.json()["status"] == "pending"
    again = _start(phone, [{"id": first.pk}])  # already in a payment under way
    assert again.status_code == 409
