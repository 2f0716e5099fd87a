"""Przelewy24 sign vectors and PayU notification signatures: pure functions, and the
plugins' notification checks on an unsaved configuration."""

from __future__ import annotations

import hashlib
import json

import pytest

from eurzad.finance.gateways.contrib.payu.plugin import (
    PayU,
    parse_signature_header,
    signature_of,
)
from eurzad.finance.gateways.contrib.przelewy24.plugin import Przelewy24
from eurzad.finance.gateways.contrib.przelewy24.signing import (
    notification_sign,
    register_sign,
    verify_sign,
)
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.registry import InvalidNotification, Outcome


def sha384(text: str) -> str:
    return hashlib.sha384(text.encode()).hexdigest()


def test_przelewy24_register_sign_is_sha384_of_the_compact_json_in_documented_order():
    expected = sha384(
        '{"sessionId":"sesja-1/ż","merchantId":123456,"amount":12345,"currency":"PLN",'
        '"crc":"abcdef0123456789"}'
    )
    assert (
        register_sign(
            session_id="sesja-1/ż", merchant_id=123456, amount=12345, currency="PLN",
            crc="abcdef0123456789",
        )
        == expected
    )  # fmt: skip
    assert len(expected) == 96


def test_przelewy24_notification_and_verify_signs():
    assert notification_sign(
        merchant_id=1, pos_id=1, session_id="s", amount=100, origin_amount=100, currency="PLN",
        order_id=7, method_id=25, statement="p24-A", crc="k",
    ) == sha384(
        '{"merchantId":1,"posId":1,"sessionId":"s","amount":100,"originAmount":100,'
        '"currency":"PLN","orderId":7,"methodId":25,"statement":"p24-A","crc":"k"}'
    )  # fmt: skip
    assert verify_sign(session_id="s", order_id=7, amount=100, currency="PLN", crc="k") == sha384(
        '{"sessionId":"s","orderId":7,"amount":100,"currency":"PLN","crc":"k"}'
    )


def _p24_config() -> GatewayConfig:
    config = GatewayConfig(gateway="przelewy24", merchant_id="111", environment="sandbox")
    config.crc_key = "crc-secret"
    config.api_key = "api"
    return config


def _p24_notification(**changes: object) -> dict:
    body = {
        "merchantId": 111, "posId": 111, "sessionId": "abc", "amount": 5000,
        "originAmount": 5000, "currency": "PLN", "orderId": 99, "methodId": 25,
        "statement": "p24-X",
    }  # fmt: skip
    body["sign"] = notification_sign(
        merchant_id=111, pos_id=111, session_id="abc", amount=5000, origin_amount=5000,
        currency="PLN", order_id=99, method_id=25, statement="p24-X", crc="crc-secret",
    )  # fmt: skip
    body.update(changes)
    return body


def test_przelewy24_notification_with_a_good_sign_is_read():
    notice = Przelewy24().parse_notification(
        _p24_config(), json.dumps(_p24_notification()).encode(), {}
    )
    assert (notice.transaction_id, notice.session_id, notice.amount) == ("99", "abc", 5000)
    assert notice.outcome == Outcome.PAID


@pytest.mark.parametrize("change", [{"amount": 500000}, {"sign": "0" * 96}, {"orderId": 100}])
def test_przelewy24_tampered_notification_is_refused(change):
    with pytest.raises(InvalidNotification):
        Przelewy24().parse_notification(
            _p24_config(), json.dumps(_p24_notification(**change)).encode(), {}
        )


def test_secrets_are_sealed_in_the_database_fields():
    config = _p24_config()
    assert "crc-secret" not in config.crc_key_sealed
    assert config.crc_key == "crc-secret"


PAYU_BODY = json.dumps(
    {
        "order": {
            "orderId": "LDLW5N7MF4140324GUEST000P01",
            "extOrderId": "sesja-payu",
            "merchantPosId": "300746",
            "currencyCode": "PLN",
            "totalAmount": "21000",
            "status": "COMPLETED",
        },
        "localReceiptDateTime": "2026-03-15T10:00:00.000+01:00",
    }
).encode()


def _payu_config() -> GatewayConfig:
    config = GatewayConfig(gateway="payu", merchant_id="300746", environment="sandbox")
    config.second_key = "b6ca15b0d1020e8094d9b5f8d163db54"
    return config


@pytest.mark.parametrize("algorithm,digest", [("MD5", hashlib.md5), ("SHA256", hashlib.sha256)])
def test_payu_signature_is_a_digest_of_body_and_second_key(algorithm, digest):
    expected = digest(PAYU_BODY + b"b6ca15b0d1020e8094d9b5f8d163db54").hexdigest()
    assert signature_of(PAYU_BODY, "b6ca15b0d1020e8094d9b5f8d163db54", algorithm) == expected
    header = f"sender=checkout;signature={expected};algorithm={algorithm};content=DOCUMENT"
    assert parse_signature_header(header)["signature"] == expected
    notice = PayU().parse_notification(_payu_config(), PAYU_BODY, {"OpenPayu-Signature": header})
    assert notice.outcome == Outcome.PAID and notice.amount == 21000
    assert notice.session_id == "sesja-payu"


def test_payu_notification_with_a_wrong_signature_or_altered_body_is_refused():
    good = signature_of(PAYU_BODY, "b6ca15b0d1020e8094d9b5f8d163db54", "MD5")
    header = f"sender=checkout;signature={good};algorithm=MD5;content=DOCUMENT"
    altered = PAYU_BODY.replace(b"21000", b"21001")
    with pytest.raises(InvalidNotification):
        PayU().parse_notification(_payu_config(), altered, {"OpenPayu-Signature": header})
    with pytest.raises(InvalidNotification):
        PayU().parse_notification(_payu_config(), PAYU_BODY, {})
