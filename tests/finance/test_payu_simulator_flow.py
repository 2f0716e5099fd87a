"""Paying through PayU end to end over HTTP: Głogów's resident cart on a real gunicorn, the
PayU simulator on the platform host (OAuth, order 302, the payer's page), its signed
notifications per status to the town, booking once; refusal, abandonment, late, repeated
and refused-then-repeated notifications, other digests, reconciliation; and the
simulator's own API answers and borders."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from decimal import Decimal

import pytest
import requests
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.gateways.contrib.payu.signing import signature_of
from eurzad.finance.gateways.models import GatewayConfig, GatewayNotification, PaymentIntent
from eurzad.finance.gateways.services import reconcile_town
from eurzad.finance.models import Installment, Payment
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    Debtor,
    HostClient,
    payments_server_fixture,
    world_fixture,
)

pytestmark = pytest.mark.slow
GLOGOW = "glogow.localhost"
ZEMBRZYCE = "zembrzyce.localhost"


def glogow_payu() -> GatewayConfig:
    with schema_context("glogow"):
        return GatewayConfig.objects.get(gateway="payu")


def start_payu(server, debtor: Debtor) -> tuple[HostClient, str]:
    """Cart → Zapłać → PayU's 302 redirectUri: the client and the payer's page."""
    client = HostClient(server)
    client.login(GLOGOW, debtor.schema, debtor.resident)
    data = [("installment", str(i.pk)) for i in debtor.installments]
    cart = client.post_form(server.url(GLOGOW, "/konto/platnosci/koszyk/"), data)
    assert cart.status_code == 200, cart.text[-2000:]
    to_gateway = client.post_form(server.url(GLOGOW, "/konto/platnosci/zaplac/"), {}, follow=False)
    assert to_gateway.status_code == 302, server.log_tail()
    page_url = to_gateway.headers["Location"]
    assert "/symulator-payu/pay/?orderId=" in page_url
    page = client.get(page_url)
    assert page.status_code == 200 and "Co robi płacący?" in page.text
    return client, page_url


def pay_through_payu(server, debtor: Debtor, choice: str, algorithm: str = "MD5"):
    """… then the tester's choice on PayU's page, and back to the town."""
    client, page_url = start_payu(server, debtor)
    return client, client.post_form(page_url, {"choice": choice, "algorithm": algorithm})


def intent_of(debtor: Debtor) -> PaymentIntent:
    with schema_context(debtor.schema):
        return PaymentIntent.objects.filter(party=debtor.party).latest("pk")


def statuses(debtor: Debtor) -> list[str]:
    with schema_context(debtor.schema):
        return sorted(
            GatewayNotification.objects.filter(intent__party=debtor.party).values_list(
                "gateway_status", flat=True
            )
        )


def payments(debtor: Debtor) -> int:
    with schema_context(debtor.schema):
        return Payment.objects.filter(party=debtor.party).count()


def paid(debtor: Debtor) -> Decimal:
    with schema_context(debtor.schema):
        return Installment.objects.get(pk=debtor.installments[0].pk).paid


def send_pending(client: HostClient, server) -> None:
    answer = client.post_form(f"{server.base}/symulator-payu/powiadomienia/", {})
    assert answer.status_code == 200 and "Przyjęte powiadomienia" in answer.text


def test_glogow_pays_through_payu_and_the_payment_is_booked_once(payments_server, world):
    debtor = world.debtor("glogow", ("120.50", "80.00"))
    _client, back = pay_through_payu(payments_server, debtor, "pay")
    assert back.status_code == 200 and "/powrot/" in back.final_url
    assert "Płatność przyjęta" in back.text, payments_server.log_tail()
    intent = intent_of(debtor)
    assert intent.status == "succeeded" and intent.gateway == "payu"
    assert intent.gateway_transaction_id.endswith("GUEST000P01")
    assert intent.amount == Decimal("200.50")
    assert payments(debtor) == 1
    # One notification per status, PENDING first: each stored once.
    assert statuses(debtor) == ["COMPLETED", "PENDING"]


@pytest.mark.parametrize("algorithm", ["SHA-256", "SHA-1", "SHA-512"])
def test_notifications_signed_with_other_digests_are_accepted(payments_server, world, algorithm):
    debtor = world.debtor("glogow", ("33.00",))
    _client, back = pay_through_payu(payments_server, debtor, "pay", algorithm)
    assert "Płatność przyjęta" in back.text, payments_server.log_tail()
    assert paid(debtor) == Decimal("33.00")


def test_refused_payment_is_failed_books_nothing_and_frees_the_installment(payments_server, world):
    debtor = world.debtor("glogow")
    _client, back = pay_through_payu(payments_server, debtor, "refuse")
    assert "error=501" in back.final_url
    assert "Płatność nieudana" in back.text
    assert intent_of(debtor).status == "failed"
    assert statuses(debtor) == ["CANCELED", "PENDING"]
    assert payments(debtor) == 0 and paid(debtor) == Decimal("0.00")
    _client, again = pay_through_payu(payments_server, debtor, "pay")
    assert "Płatność przyjęta" in again.text
    assert payments(debtor) == 1


def test_going_back_from_payu_abandons_and_frees_the_installment(payments_server, world):
    debtor = world.debtor("glogow")
    _client, back = pay_through_payu(payments_server, debtor, "back")
    assert "Płatność przerwana" in back.text
    assert intent_of(debtor).status == "abandoned"
    assert statuses(debtor) == [] and payments(debtor) == 0


def test_late_notifications_show_pending_then_book(payments_server, world):
    debtor = world.debtor("glogow")
    client, back = pay_through_payu(payments_server, debtor, "delayed")
    assert "Czekamy na potwierdzenie" in back.text
    assert intent_of(debtor).status == "pending" and payments(debtor) == 0
    send_pending(client, payments_server)
    assert intent_of(debtor).status == "succeeded"
    assert paid(debtor) == Decimal("100.00")
    assert "Płatność przyjęta" in client.get(back.final_url).text


def test_every_notification_twice_books_once(payments_server, world):
    debtor = world.debtor("glogow", ("55.00",))
    _client, back = pay_through_payu(payments_server, debtor, "duplicated")
    assert "Płatność przyjęta" in back.text
    assert payments(debtor) == 1 and paid(debtor) == Decimal("55.00")
    assert statuses(debtor) == ["COMPLETED", "PENDING"]


def test_waiting_for_confirmation_is_recorded_and_books_nothing(payments_server, world):
    # Auto-receive off: PayU waits for the shop to capture, which we never do.
    debtor = world.debtor("glogow")
    _client, back = pay_through_payu(payments_server, debtor, "waiting")
    assert "Czekamy na potwierdzenie" in back.text
    assert statuses(debtor) == ["PENDING", "WAITING_FOR_CONFIRMATION"]
    assert intent_of(debtor).status == "pending" and payments(debtor) == 0


def test_a_refused_notification_is_repeated_until_the_town_answers_200(payments_server, world):
    debtor = world.debtor("glogow")
    client, page_url = start_payu(payments_server, debtor)
    with schema_context("glogow"):  # the town stops taking PayU's notifications for a while
        GatewayConfig.objects.filter(gateway="payu").update(enabled=False)
    try:
        back = client.post_form(page_url, {"choice": "pay", "algorithm": "MD5"})
        assert "Czekamy na potwierdzenie" in back.text
        assert statuses(debtor) == [] and payments(debtor) == 0
        held = client.get(f"{payments_server.base}/symulator-payu/powiadomienia/")
        assert "nie jest skonfigurowana" in held.text  # the town's refusal, kept for the tester
    finally:
        with schema_context("glogow"):
            GatewayConfig.objects.filter(gateway="payu").update(enabled=True)
    send_pending(client, payments_server)  # PayU repeats; now the town answers 200
    assert intent_of(debtor).status == "succeeded"
    assert payments(debtor) == 1
    assert statuses(debtor) == ["COMPLETED", "PENDING"]


def test_stale_payment_with_notifications_held_back_is_reconciled(payments_server, world, settings):
    debtor = world.debtor("glogow")
    client, _back = pay_through_payu(payments_server, debtor, "delayed")
    intent = intent_of(debtor)
    with schema_context("glogow"):
        PaymentIntent.objects.filter(pk=intent.pk).update(
            created_at=timezone.now() - timedelta(seconds=settings.PAYMENT_STALE_SECONDS + 5)
        )
        done = reconcile_town()
    assert done["intents"] >= 1
    assert intent_of(debtor).status == "succeeded"
    send_pending(client, payments_server)  # the late notifications change nothing now
    assert payments(debtor) == 1


def test_a_glogow_payu_notification_is_refused_on_the_zembrzyce_host(payments_server, world):
    debtor = world.debtor("glogow")
    client, _back = pay_through_payu(payments_server, debtor, "delayed")
    intent = intent_of(debtor)
    body = json.dumps({"order": {
        "orderId": intent.gateway_transaction_id, "extOrderId": intent.session_id,
        "merchantPosId": glogow_payu().merchant_id, "currencyCode": "PLN",
        "totalAmount": "10000", "status": "COMPLETED",
    }}).encode()  # fmt: skip
    signature = signature_of(body, glogow_payu().second_key, "MD5")
    header = f"sender=checkout;signature={signature};algorithm=MD5;content=DOCUMENT"
    answer = client.request(
        "POST", payments_server.url(ZEMBRZYCE, "/platnosci/payu/powiadomienie/"), data=body,
        headers={"Content-Type": "application/json", "OpenPayu-Signature": header},
    )  # fmt: skip
    assert answer.status_code == 400
    assert intent_of(debtor).status == "pending" and payments(debtor) == 0
    # The same body on its own town's host is taken.
    answer = client.request(
        "POST", payments_server.url(GLOGOW, "/platnosci/payu/powiadomienie/"), data=body,
        headers={"Content-Type": "application/json", "OpenPayu-Signature": header},
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert payments(debtor) == 1


# ---------------------------------------------------------------- the simulator's API


def _token(base: str, config: GatewayConfig) -> str:
    answer = requests.post(
        f"{base}/pl/standard/user/oauth/authorize",
        data={"grant_type": "client_credentials", "client_id": config.client_id,
              "client_secret": config.client_secret},
        timeout=30,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 43199
    return body["access_token"]


def _order(config: GatewayConfig, **changes: object) -> dict:
    return {
        "notifyUrl": "http://glogow.localhost/platnosci/payu/powiadomienie/",
        "continueUrl": "http://glogow.localhost/", "customerIp": "127.0.0.1",
        "merchantPosId": config.merchant_id, "description": "Test", "currencyCode": "PLN",
        "totalAmount": "1500", "extOrderId": secrets.token_hex(8),
        "products": [{"name": "Test", "unitPrice": "1500", "quantity": "1"}], **changes,
    }  # fmt: skip


def test_the_simulated_oauth_refuses_wrong_credentials_and_a_json_body(payments_server, world):
    base = f"{payments_server.base}/symulator-payu"
    config = glogow_payu()
    url = f"{base}/pl/standard/user/oauth/authorize"
    form = {"grant_type": "client_credentials", "client_id": config.client_id}
    wrong = requests.post(url, data={**form, "client_secret": "zly"}, timeout=30)
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    as_json = requests.post(url, json={**form, "client_secret": config.client_secret}, timeout=30)
    assert as_json.status_code == 401  # documented: the form content type is required
    assert _token(base, config)


def test_the_simulated_order_api_answers_as_payu_documents(payments_server, world):
    base = f"{payments_server.base}/symulator-payu"
    config = glogow_payu()
    orders = f"{base}/api/v2_1/orders"
    anonymous = requests.post(orders, json=_order(config), timeout=30, allow_redirects=False)
    assert anonymous.status_code == 401
    assert anonymous.json()["status"]["statusCode"] == "UNAUTHORIZED"
    bearer = {"Authorization": f"Bearer {_token(base, config)}"}

    bad = requests.post(orders, json=_order(config, totalAmount="12,50"), headers=bearer,
                        timeout=30, allow_redirects=False)  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["status"]["statusCode"] == "ERROR_VALUE_INVALID"
    assert bad.json()["status"]["codeLiteral"] == "INVALID_TOTAL_AMOUNT"
    missing = _order(config)
    del missing["customerIp"]
    assert requests.post(orders, json=missing, headers=bearer, timeout=30).json()["status"][
        "statusCode"
    ] == "ERROR_VALUE_MISSING"  # fmt: skip

    order = _order(config)
    created = requests.post(orders, json=order, headers=bearer, timeout=30, allow_redirects=False)
    assert created.status_code == 302
    body = created.json()
    assert body["status"] == {"statusCode": "SUCCESS"}
    assert created.headers["Location"] == body["redirectUri"]
    assert body["extOrderId"] == order["extOrderId"]
    again = requests.post(orders, json=order, headers=bearer, timeout=30, allow_redirects=False)
    assert again.status_code == 400
    assert again.json()["status"]["codeLiteral"] == "ORDER_NOT_UNIQUE"
    assert again.json()["orderId"] == body["orderId"]

    read = requests.get(f"{orders}/{body['orderId']}", headers=bearer, timeout=30)
    assert read.status_code == 200
    assert read.json()["orders"][0]["status"] == "NEW"
    assert read.json()["orders"][0]["totalAmount"] == "1500"
    unknown = requests.get(f"{orders}/NIEMA000000000000GUEST000P01", headers=bearer, timeout=30)
    assert unknown.status_code == 404
    assert unknown.json()["status"]["statusCode"] == "DATA_NOT_FOUND"


def test_one_towns_pos_cannot_read_another_towns_order(payments_server, world):
    base = f"{payments_server.base}/symulator-payu"
    glogow = glogow_payu()
    created = requests.post(
        f"{base}/api/v2_1/orders", json=_order(glogow), timeout=30, allow_redirects=False,
        headers={"Authorization": f"Bearer {_token(base, glogow)}"},
    ).json()  # fmt: skip
    with schema_context("zembrzyce"):
        other = GatewayConfig(gateway="payu", environment="local", merchant_id="987654",
                              client_id="987654", enabled=False)  # fmt: skip
        other.client_secret = secrets.token_hex(16)
        other.second_key = secrets.token_hex(16)
        other.save()
    try:
        theirs = {"Authorization": f"Bearer {_token(base, other)}"}
        read = requests.get(f"{base}/api/v2_1/orders/{created['orderId']}", headers=theirs,
                            timeout=30)  # fmt: skip
        assert read.status_code == 404
        as_glogow = requests.post(
            f"{base}/api/v2_1/orders", json=_order(glogow), headers=theirs, timeout=30,
            allow_redirects=False,
        )  # fmt: skip
        assert as_glogow.status_code == 400  # merchantPosId is not the token's POS
    finally:
        with schema_context("zembrzyce"):
            GatewayConfig.objects.filter(pk=other.pk).delete()
