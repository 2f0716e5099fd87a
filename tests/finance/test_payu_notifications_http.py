"""A PayU notification over real HTTP (gunicorn on the test database): signed with SHA-512
in the dashed spelling, it books the payment once; altered or unsigned it changes
nothing; and it is worthless on another town's host even where that town uses the same
second key. No PayU simulator yet: the intent is created as order creation would leave
it, and the body is PayU's documented notification shape."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from eurzad.finance.gateways.models import GatewayConfig, GatewayNotification, PaymentIntent
from eurzad.finance.models import Installment, Payment
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    Debtor,
    HostClient,
    payments_server_fixture,
    world_fixture,
)

pytestmark = pytest.mark.slow
SECOND_KEY = "b6ca15b0d1020e8094d9b5f8d163db54"
POS = "300746"
PATH = "/platnosci/payu/powiadomienie/"


@pytest.fixture(name="payu_towns")
def payu_towns_fixture(payments_server, committed_db) -> Iterator[None]:
    """Both towns get an enabled PayU configuration with the same POS and second key
    (behind Przelewy24 in order); whatever was there before is put back afterwards."""
    saved: dict[str, dict | None] = {}
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            existing = GatewayConfig.objects.filter(gateway="payu").first()
            saved[schema] = (
                None
                if existing is None
                else {f.attname: getattr(existing, f.attname) for f in existing._meta.fields}
            )
            config = existing or GatewayConfig(gateway="payu")
            config.enabled = True
            config.order = 90
            config.environment = "sandbox"
            config.merchant_id = POS
            config.client_id = POS
            config.second_key = SECOND_KEY
            config.save()
    yield
    for schema, fields in saved.items():
        with schema_context(schema):
            if fields is None:
                GatewayConfig.objects.filter(gateway="payu").delete()
            else:
                GatewayConfig(**fields).save()


def pending_payu_intent(debtor: Debtor) -> PaymentIntent:
    with schema_context(debtor.schema):
        item = debtor.installments[0]
        intent = PaymentIntent.objects.create(
            party=debtor.party,
            resident=debtor.resident,
            gateway="payu",
            amount=item.amount,
            status=PaymentIntent.Status.PENDING,
            session_id=secrets.token_urlsafe(24),
            return_token=secrets.token_urlsafe(24),
        )
        intent.items.create(installment=item, amount=item.amount)
        return intent


def notification(intent: PaymentIntent, order_id: str, status: str = "COMPLETED") -> bytes:
    grosze = str(int(intent.amount * 100))
    return json.dumps(
        {
            "order": {
                "orderId": order_id,
                "extOrderId": intent.session_id,
                "orderCreateDate": "2026-03-15T09:59:01.000+01:00",
                "customerIp": "127.0.0.1",
                "merchantPosId": POS,
                "description": f"e-Urząd {intent.pk}",
                "currencyCode": "PLN",
                "totalAmount": grosze,
                "buyer": {"email": "jan@example.pl", "language": "pl"},
                "payMethod": {"type": "PBL"},
                "products": [{"name": "rata 1", "unitPrice": grosze, "quantity": "1"}],
                "status": status,
            },
            "localReceiptDateTime": "2026-03-15T10:00:00.000+01:00",
            "properties": [{"name": "PAYMENT_ID", "value": "151471228"}],
        },
        ensure_ascii=False,
    ).encode("utf-8")


def signed(body: bytes) -> str:
    signature = hashlib.sha512(body + SECOND_KEY.encode()).hexdigest()
    return f"sender=checkout;signature={signature};algorithm=SHA-512;content=DOCUMENT"


def post(server, host: str, body: bytes, signature: str | None):
    headers = {"Content-Type": "application/json;charset=UTF-8"}
    if signature is not None:
        headers["OpenPayu-Signature"] = signature
    return HostClient(server).request("POST", server.url(host, PATH), data=body, headers=headers)


def test_payu_sha512_notification_books_once_and_tampering_changes_nothing(
    payments_server, world, payu_towns
):
    debtor = world.debtor("zembrzyce", ("42.00",))
    intent = pending_payu_intent(debtor)
    body = notification(intent, "LDLW5N7MF4140324GUEST000P01")
    altered = body.replace(b'"4200"', b'"4300"', 1)
    for bad_body, bad_header in (
        (altered, signed(body)),
        (body, None),
        (body, signed(body).replace("SHA-512", "SHA")),
        (body, "sender=checkout;signature"),
    ):
        answer = post(payments_server, "zembrzyce.localhost", bad_body, bad_header)
        assert answer.status_code == 400, answer.text
    with schema_context("zembrzyce"):
        assert not GatewayNotification.objects.filter(intent=intent).exists()
        assert Payment.objects.filter(party=debtor.party).count() == 0

    for _time in range(2):  # PayU repeats; the second changes nothing
        answer = post(payments_server, "zembrzyce.localhost", body, signed(body))
        assert answer.status_code == 200, payments_server.log_tail()
    with schema_context("zembrzyce"):
        intent.refresh_from_db()
        assert intent.status == "succeeded"
        assert intent.gateway_transaction_id == "LDLW5N7MF4140324GUEST000P01"
        assert Payment.objects.filter(party=debtor.party).count() == 1
        paid = Installment.objects.get(pk=debtor.installments[0].pk).paid
        assert paid == Decimal("42.00")


def test_payu_notification_of_one_town_is_refused_by_another(payments_server, world, payu_towns):
    debtor = world.debtor("zembrzyce", ("15.00",))
    intent = pending_payu_intent(debtor)
    body = notification(intent, "GLOGOWNIEZNA000000000000P01")
    answer = post(payments_server, "glogow.localhost", body, signed(body))
    assert answer.status_code == 400
    assert "unknown payment session" in answer.text
    with schema_context("zembrzyce"):
        intent.refresh_from_db()
        assert intent.status == "pending"
        assert Payment.objects.filter(party=debtor.party).count() == 0
