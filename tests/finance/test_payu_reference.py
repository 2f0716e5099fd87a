"""PayU REST API 2.1 known answers, independent of our PayU simulator: the plugin against a
stand-in that answers exactly with the bodies PayU's public material shows.

Sources (docs/integrations/payu.md, "References"): the token answer of developers.payu.com
"Authorize and Order" (``access_token`` ``3e5cac39-…``, ``token_type`` ``bearer``,
``expires_in`` 43199, and 401 without the form content type); the order-create answer
(302, ``status.statusCode`` SUCCESS, ``redirectUri`` on merch-prod.snd.payu.com/pay/,
``orderId`` ``QB8N27RXGZ241125GUEST000P01``, ``extOrderId``) and the repeated-extOrderId
refusal (``ERROR_ORDER_NOT_UNIQUE``, code 110, ``codeLiteral`` ORDER_NOT_UNIQUE) as a
public integration recorded them; the order statuses of the "Payment Lifecycle" page and
openpayu_php's OpenPayuOrderStatus; the notification body of the documentation."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest

from eurzad.finance.gateways.contrib.payu.plugin import PayU
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.registry import (
    GatewayError,
    Outcome,
    RegistrationRequest,
)
from tests.standin import QuietHandler, serving

POS = "300746"
SECRET = "2ee86a66e5d97e3fadc400c9f19b065d"
SECOND_KEY = "b6ca15b0d1020e8094d9b5f8d163db54"
DOCUMENTED_TOKEN = {
    "access_token": "3e5cac39-7e38-4139-8fd6-30adc06a61bd",
    "token_type": "bearer",
    "expires_in": 43199,
    "grant_type": "client_credentials",
}
ORDER_ID = "QB8N27RXGZ241125GUEST000P01"
REDIRECT = f"https://merch-prod.snd.payu.com/pay/?orderId={ORDER_ID}&token=eyJhbGciOiJIUzI1NiJ9"
DOCUMENTED_CREATED = {
    "status": {"statusCode": "SUCCESS"},
    "redirectUri": REDIRECT,
    "orderId": ORDER_ID,
    "extOrderId": "1-9",
}
DOCUMENTED_NOT_UNIQUE = {
    "status": {
        "statusCode": "ERROR_ORDER_NOT_UNIQUE",
        "code": "110",
        "codeLiteral": "ORDER_NOT_UNIQUE",
        "statusDesc": "Order with given extOrderId already exists",
    },
    "orderId": "HM8M9WX7J8241125GUEST000P01",
    "extOrderId": "1-10",
}


class StandIn(QuietHandler):
    """Answers each path with the scripted (status, body, headers), the last one kept
    for repeats; records every request."""

    script: dict[str, list[tuple[int, object, dict]]] = {}
    seen: list[tuple[str, str, dict, bytes]] = []

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.seen.append((self.command, self.path, dict(self.headers), body))
        answers = self.script.get(self.path.split("?")[0], [(404, {}, {})])
        status, payload, headers = answers.pop(0) if len(answers) > 1 else answers[0]
        raw = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = _answer


@pytest.fixture
def payu() -> Iterator[tuple[str, type[StandIn]]]:
    handler = type("Handler", (StandIn,), {"script": {}, "seen": []})
    with serving(handler) as base_url:
        yield base_url, handler


def _config(base_url: str) -> GatewayConfig:
    config = GatewayConfig(
        gateway="payu", environment="sandbox", api_base_url=base_url, merchant_id=POS,
        client_id=POS,
    )  # fmt: skip
    config.client_secret = SECRET
    config.second_key = SECOND_KEY
    return config


def _request(session_id: str = "1-9") -> RegistrationRequest:
    return RegistrationRequest(
        session_id=session_id, amount=21000, currency="PLN",
        description="e-Urząd 7: Podatek od nieruchomości 2026 rata 1", email="jan@example.pl",
        return_url="https://glogow.example.pl/konto/platnosci/7/powrot/?t=x",
        notify_url="https://glogow.example.pl/platnosci/payu/powiadomienie/",
        customer_ip="203.0.113.7",
    )  # fmt: skip


def test_token_request_and_the_documented_answer(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    handler.script["/api/v2_1/orders"] = [(302, DOCUMENTED_CREATED, {"Location": REDIRECT})]
    PayU().register(_config(base), _request())
    PayU().register(_config(base), _request("1-10"))
    tokens = [s for s in handler.seen if s[1] == "/pl/standard/user/oauth/authorize"]
    assert len(tokens) == 1  # cached for its documented lifetime
    _method, _path, headers, body = tokens[0]
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(body.decode()) == {
        "grant_type": ["client_credentials"], "client_id": [POS], "client_secret": [SECRET],
    }  # fmt: skip
    orders = [s for s in handler.seen if s[1] == "/api/v2_1/orders"]
    assert all(
        s[2]["Authorization"] == f"Bearer {DOCUMENTED_TOKEN['access_token']}" for s in orders
    )


def test_order_create_sends_the_documented_fields_and_reads_the_302_answer(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    # The Location leads to PayU's HTML page: a client that followed it would get no JSON.
    handler.script["/api/v2_1/orders"] = [(302, DOCUMENTED_CREATED, {"Location": f"{base}/pay/"})]
    handler.script["/pay/"] = [(200, "<html>PayU</html>", {})]
    registration = PayU().register(_config(base), _request())
    assert registration.redirect_url == REDIRECT
    assert registration.token == registration.transaction_id == ORDER_ID
    assert not [s for s in handler.seen if s[1] == "/pay/"]  # the redirect is not followed
    [(_method, _path, headers, raw)] = [s for s in handler.seen if s[1] == "/api/v2_1/orders"]
    assert headers["Content-Type"] == "application/json"
    sent = json.loads(raw)
    assert sent == {
        "notifyUrl": "https://glogow.example.pl/platnosci/payu/powiadomienie/",
        "continueUrl": "https://glogow.example.pl/konto/platnosci/7/powrot/?t=x",
        "customerIp": "203.0.113.7",
        "merchantPosId": POS,
        "description": "e-Urząd 7: Podatek od nieruchomości 2026 rata 1",
        "currencyCode": "PLN",
        "totalAmount": "21000",  # grosze, as a string
        "extOrderId": "1-9",
        "buyer": {"email": "jan@example.pl", "language": "pl"},
        "products": [
            {"name": "e-Urząd 7: Podatek od nieruchomości 2026 rata 1", "unitPrice": "21000",
             "quantity": "1"},
        ],
    }  # fmt: skip


def test_a_repeated_ext_order_id_is_refused_with_payus_status(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    handler.script["/api/v2_1/orders"] = [(400, DOCUMENTED_NOT_UNIQUE, {})]
    with pytest.raises(GatewayError) as refused:
        PayU().register(_config(base), _request("1-10"))
    assert refused.value.status == 400
    assert "ERROR_ORDER_NOT_UNIQUE ORDER_NOT_UNIQUE" in str(refused.value)
    assert "Order with given extOrderId already exists" in str(refused.value)


def test_without_success_and_redirect_uri_nothing_is_taken_for_an_order(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    handler.script["/api/v2_1/orders"] = [(302, {"status": {"statusCode": "WARNING"}}, {})]
    with pytest.raises(GatewayError, match="WARNING"):
        PayU().register(_config(base), _request())


def test_a_refused_token_is_reported_with_its_status(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [
        (401, {"error": "invalid_client", "error_description": "Bad client credentials"}, {})
    ]
    with pytest.raises(GatewayError, match="401 invalid_client") as refused:
        PayU().register(_config(base), _request())
    assert refused.value.status == 401


def test_a_token_payu_no_longer_takes_is_renewed_once(payu):
    base, handler = payu
    second = {**DOCUMENTED_TOKEN, "access_token": "0d8a2b8e-0000-4000-8000-000000000002"}
    handler.script["/pl/standard/user/oauth/authorize"] = [
        (200, DOCUMENTED_TOKEN, {}), (200, second, {})
    ]  # fmt: skip
    unauthorized = {"status": {"statusCode": "UNAUTHORIZED", "statusDesc": "Invalid token"}}
    handler.script["/api/v2_1/orders"] = [(401, unauthorized, {}), (302, DOCUMENTED_CREATED, {})]
    assert PayU().register(_config(base), _request()).transaction_id == ORDER_ID
    used = [s[2]["Authorization"] for s in handler.seen if s[1] == "/api/v2_1/orders"]
    assert used == [
        f"Bearer {DOCUMENTED_TOKEN['access_token']}",
        f"Bearer {second['access_token']}",
    ]


def _retrieved(status: str) -> dict:
    """The order-retrieve answer: the order in ``orders``, as openpayu_php reads it."""
    return {
        "orders": [{
            "orderId": ORDER_ID, "extOrderId": "1-9",
            "orderCreateDate": "2026-03-15T09:59:01.000+01:00",
            "notifyUrl": "https://glogow.example.pl/platnosci/payu/powiadomienie/",
            "customerIp": "203.0.113.7", "merchantPosId": POS, "description": "e-Urząd 7",
            "currencyCode": "PLN", "totalAmount": "21000", "status": status,
            "products": [{"name": "rata 1", "unitPrice": "21000", "quantity": "1"}],
        }],
        "status": {"statusCode": "SUCCESS", "statusDesc": "Request processing successful"},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("COMPLETED", Outcome.PAID),
        ("CANCELED", Outcome.FAILED),
        ("PENDING", Outcome.PENDING),
        ("WAITING_FOR_CONFIRMATION", Outcome.PENDING),
        ("NEW", Outcome.NONE),  # created, no payment started: the payer left PayU's page
        ("REJECTED", Outcome.PENDING),  # an SDK constant with no documented notification
    ],
)
def test_what_each_documented_order_status_means_when_read_back(payu, status, outcome):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    handler.script[f"/api/v2_1/orders/{ORDER_ID}"] = [(200, _retrieved(status), {})]
    state = PayU().state(_config(base), session_id="1-9", transaction_id=ORDER_ID)
    assert (state.outcome, state.transaction_id, state.amount) == (outcome, ORDER_ID, 21000)


def test_an_order_payu_does_not_know_is_no_payment(payu):
    base, handler = payu
    handler.script["/pl/standard/user/oauth/authorize"] = [(200, DOCUMENTED_TOKEN, {})]
    not_found = {"status": {"statusCode": "DATA_NOT_FOUND", "statusDesc": "Could not find data"}}
    handler.script[f"/api/v2_1/orders/{ORDER_ID}"] = [(404, not_found, {})]
    state = PayU().state(_config(base), session_id="1-9", transaction_id=ORDER_ID)
    assert state.outcome == Outcome.NONE


def test_the_documented_notification_body_is_read():
    """The documentation's sample notification as published (order LDLW5N7MF…, 200 grosze,
    PAYMENT_ID 151471228), with the town's extOrderId and POS id in place of the sample's
    placeholders, signed by hand with MD5 as documented."""
    body = json.dumps({
        "order": {
            "orderId": "LDLW5N7MF4140324GUEST000P01", "extOrderId": "1-9",
            "orderCreateDate": "2012-12-31T12:00:00",
            "notifyUrl": "http://tempuri.org/notify", "customerIp": "127.0.0.1",
            "merchantPosId": POS, "description": "My order description",
            "currencyCode": "PLN", "totalAmount": "200",
            "buyer": {"email": "john.doe@example.org", "phone": "111111111",
                      "firstName": "John", "lastName": "Doe", "language": "en"},
            "payMethod": {"type": "PBL"},
            "products": [{"name": "Product 1", "unitPrice": "200", "quantity": "1"}],
            "status": "COMPLETED",
        },
        "localReceiptDateTime": "2016-03-02T12:58:14.828+01:00",
        "properties": [{"name": "PAYMENT_ID", "value": "151471228"}],
    }).encode()  # fmt: skip
    signature = hashlib.md5(body + SECOND_KEY.encode()).hexdigest()
    header = f"sender=checkout;signature={signature};algorithm=MD5;content=DOCUMENT"
    notice = PayU().parse_notification(_config(""), body, {"OpenPayu-Signature": header})
    assert (notice.transaction_id, notice.session_id, notice.amount) == (
        "LDLW5N7MF4140324GUEST000P01",
        "1-9",
        200,
    )
    assert (notice.outcome, notice.gateway_status) == (Outcome.PAID, "COMPLETED")
