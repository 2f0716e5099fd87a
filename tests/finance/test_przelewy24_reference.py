"""Przelewy24 against its public reference, not against our simulator: the ``sign``
checksums built from the documentation's own examples, and what the plugin decides from
reference-shaped transaction/by/sessionId answers, served by a bare stand-in of the
REST API that answers with the documented bodies.

Reference: "Przelewy24 REST API Documentation" 1.0.16, developers.przelewy24.pl (sections
"Calculating Sign", "Transaction service API", "Notification", schema
TransactionBySessionIdResponse); see docs/integrations/przelewy24.md."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator

import pytest

from eurzad.finance.gateways.contrib.przelewy24.plugin import (
    Przelewy24,
    SessionStatus,
    session_state,
    verified_already,
)
from eurzad.finance.gateways.contrib.przelewy24.signing import (
    notification_sign,
    register_sign,
    verify_sign,
)
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.registry import GatewayError, Outcome
from tests.standin import QuietHandler, serving


def sha384(text: str) -> str:
    return hashlib.sha384(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- sign known answers


def test_register_sign_of_the_documented_python_example():
    # The documentation's Python snippet hashes exactly this string.
    documented = (
        '{"sessionId":"sessionId","merchantId":999999,"amount":1000,"currency":"PLN","crc":"crc"}'
    )
    assert register_sign(
        session_id="sessionId", merchant_id=999999, amount=1000, currency="PLN", crc="crc"
    ) == sha384(documented)


@pytest.mark.parametrize(
    ("session_id", "written"),
    [
        # The PHP snippet's parameters, as json_encode with JSON_UNESCAPED_UNICODE |
        # JSON_UNESCAPED_SLASHES writes them.
        (
            "unique-session-id",
            '{"sessionId":"unique-session-id","merchantId":999999,"amount":1234,'
            '"currency":"PLN","crc":"crc-z-panelu-p24"}',
        ),
        # Slashes and Polish letters stay unescaped, as the documentation asks.
        (
            "gmina/2026/ż",
            '{"sessionId":"gmina/2026/ż","merchantId":999999,"amount":1234,'
            '"currency":"PLN","crc":"crc-z-panelu-p24"}',
        ),
    ],
    ids=["documented-php-example", "slashes-and-polish-letters"],
)
def test_register_sign_of_the_php_example_and_unescaped_text(session_id, written):
    assert register_sign(
        session_id=session_id, merchant_id=999999, amount=1234, currency="PLN",
        crc="crc-z-panelu-p24",
    ) == sha384(written)  # fmt: skip


def test_verify_sign_of_the_documented_examples():
    documented = (
        '{"sessionId":"sessionId","orderId":999999,"amount":1000,"currency":"PLN","crc":"crc"}'
    )
    assert verify_sign(
        session_id="sessionId", order_id=999999, amount=1000, currency="PLN", crc="crc"
    ) == sha384(documented)
    written = (
        '{"sessionId":"unique-session-id","orderId":999999,"amount":1234,'
        '"currency":"PLN","crc":"crc-z-panelu-p24"}'
    )
    assert verify_sign(
        session_id="unique-session-id", order_id=999999, amount=1234, currency="PLN",
        crc="crc-z-panelu-p24",
    ) == sha384(written)  # fmt: skip


def test_notification_sign_follows_the_documented_field_order():
    # TransactionResult.sign: merchantId, posId, sessionId, amount, originAmount,
    # currency, orderId, methodId, statement, crc.
    written = (
        '{"merchantId":999999,"posId":999999,"sessionId":"unique-session-id",'
        '"amount":1234,"originAmount":1234,"currency":"PLN","orderId":305000123,'
        '"methodId":154,"statement":"p24-A12-B34-C56","crc":"crc-z-panelu-p24"}'
    )
    assert notification_sign(
        merchant_id=999999, pos_id=999999, session_id="unique-session-id", amount=1234,
        origin_amount=1234, currency="PLN", order_id=305000123, method_id=154,
        statement="p24-A12-B34-C56", crc="crc-z-panelu-p24",
    ) == sha384(written)  # fmt: skip


def _config(base_url: str = "") -> GatewayConfig:
    config = GatewayConfig(
        gateway="przelewy24", merchant_id="999999", environment="sandbox", api_base_url=base_url
    )
    config.crc_key = "crc-z-panelu-p24"
    config.api_key = "klucz-do-raportow"
    return config


def test_a_notification_in_the_documented_shape_signed_by_hand_is_read():
    body = {
        "merchantId": 999999, "posId": 999999, "sessionId": "unique-session-id",
        "amount": 1234, "originAmount": 1234, "currency": "PLN", "orderId": 305000123,
        "methodId": 154, "statement": "p24-A12-B34-C56",
        "sign": sha384(
            '{"merchantId":999999,"posId":999999,"sessionId":"unique-session-id",'
            '"amount":1234,"originAmount":1234,"currency":"PLN","orderId":305000123,'
            '"methodId":154,"statement":"p24-A12-B34-C56","crc":"crc-z-panelu-p24"}'
        ),
    }  # fmt: skip
    notice = Przelewy24().parse_notification(_config(), json.dumps(body).encode(), {})
    assert (notice.transaction_id, notice.amount, notice.outcome) == (
        "305000123",
        1234,
        Outcome.PAID,
    )


# ---------------------------------------------------------------- by/sessionId decisions


def by_session(status: int, **changes: object) -> dict:
    """A transaction/by/sessionId answer with every field of the documented schema."""
    data = {
        "statement": "p24-A12-B34-C56", "orderId": 305000123, "sessionId": "unique-session-id",
        "status": status, "amount": 1234, "currency": "PLN", "date": "2026-12-06 12:00:00",
        "dateOfTransaction": "2026-12-06 12:01:00", "clientEmail": "jan@example.pl",
        "accountMD5": "0cc175b9c0f1b6a831c399e269772661", "paymentMethod": 154,
        "description": "Podatek od nieruchomości", "clientName": "Jan Kowalski",
        "clientAddress": "Rynek 1", "clientCity": "Zembrzyce", "clientPostcode": "34-210",
        "batchId": 0, "fee": "0",
    }  # fmt: skip
    data.update(changes)
    return {"data": data, "responseCode": 0}


def test_the_documented_status_values():
    assert [s.value for s in SessionStatus] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "status,outcome",
    [
        (0, Outcome.NONE),  # no payment: a refused or abandoned payment looks like this
        (1, Outcome.PAID),  # advance payment: reconciliation verifies before it books
        (2, Outcome.PAID),  # payment made (verified)
        (3, Outcome.FAILED),  # payment returned: never booked
        (7, Outcome.PENDING),  # not documented: neither booked nor released
    ],
)
def test_what_each_by_session_status_means_for_reconciliation(status, outcome):
    state = session_state(by_session(status)["data"])
    assert state.outcome == outcome
    assert (state.transaction_id, state.amount) == ("305000123", 1234)


def _verified(answer: dict, order_id: int = 305000123, amount: int = 1234) -> bool:
    return verified_already(answer["data"], order_id=order_id, amount=amount, currency="PLN")


def test_only_payment_made_counts_as_already_verified():
    assert _verified(by_session(2))


@pytest.mark.parametrize("status", [0, 1, 3, 7])
def test_advance_payment_returned_or_no_payment_never_counts_as_verified(status):
    assert not _verified(by_session(status))


@pytest.mark.parametrize("change", [{"orderId": 305000999}, {"amount": 1}, {"currency": "EUR"}])
def test_a_verified_transaction_of_other_details_is_not_ours(change):
    assert not _verified(by_session(2, **change))


# ---------------------------------------------------------------- confirm over HTTP


class StandIn(QuietHandler):
    """Answers as the documentation shows: verify refused with InvalidInputData, and
    by/sessionId with ``answer``. Records what it was sent."""

    answer: dict = {}
    seen: list = []

    def _reply(self, code: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.seen.append(("PUT", self.path, self.headers["Authorization"],
                          json.loads(self.rfile.read(length))))  # fmt: skip
        self._reply(400, {"error": "Invalid input data", "code": 400})

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path, self.headers["Authorization"], None))
        self._reply(200, self.answer)


@pytest.fixture
def stand_in() -> Iterator[tuple[str, type[StandIn]]]:
    handler = type("Handler", (StandIn,), {"answer": {}, "seen": []})
    with serving(handler) as base_url:
        yield base_url, handler


def _confirm(base_url: str) -> None:
    Przelewy24().confirm(
        _config(base_url), session_id="unique-session-id", transaction_id="305000123",
        amount=1234, currency="PLN",
    )  # fmt: skip


def test_refused_verify_of_an_advance_payment_is_not_taken_for_a_verified_one(stand_in):
    url, handler = stand_in
    handler.answer = by_session(1)
    with pytest.raises(GatewayError, match="czeka na weryfikację i nie jest zaksięgowana"):
        _confirm(url)
    method, path, auth, body = handler.seen[0]
    assert (method, path) == ("PUT", "/api/v1/transaction/verify")
    assert auth == "Basic " + base64.b64encode(b"999999:klucz-do-raportow").decode()
    assert list(body) == ["merchantId", "posId", "sessionId", "amount", "currency",
                          "orderId", "sign"]  # fmt: skip
    assert body["sign"] == sha384(
        '{"sessionId":"unique-session-id","orderId":305000123,"amount":1234,'
        '"currency":"PLN","crc":"crc-z-panelu-p24"}'
    )
    assert handler.seen[1][:2] == ("GET", "/api/v1/transaction/by/sessionId/unique-session-id")


def test_refused_verify_of_a_returned_payment_books_nothing(stand_in):
    url, handler = stand_in
    handler.answer = by_session(3)
    with pytest.raises(GatewayError, match="zwrócona płacącemu"):
        _confirm(url)


def test_refused_verify_with_no_payment_keeps_the_gateways_refusal(stand_in):
    url, handler = stand_in
    handler.answer = by_session(0)
    with pytest.raises(GatewayError, match="400 Invalid input data"):
        _confirm(url)


def test_refused_verify_of_a_transaction_verified_before_is_confirmed(stand_in):
    # A worker died after its verify succeeded: the repeated verify is refused, and
    # by/sessionId shows this very transaction as "payment made".
    url, handler = stand_in
    handler.answer = by_session(2)
    _confirm(url)


def test_refused_verify_of_another_verified_transaction_is_not_confirmed(stand_in):
    url, handler = stand_in
    handler.answer = by_session(2, orderId=305000999)
    with pytest.raises(GatewayError):
        _confirm(url)
