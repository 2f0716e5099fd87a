"""PayU ``OpenPayu-Signature`` known answers, independent of our reading of the protocol.

The literal hex values are PayU's own: openpayu_php 2.4.3, tests/unit/OpenPayU_UtilTest.php
(``verifySignatureDataProvider`` and ``verifyGenerateSignData``, message ``OpenPayUData``,
key ``SignatureKey``), and openpayu_ruby spec/unit/document_spec.rb (the same SHA-1
answer). The rest are computed here with hashlib for every algorithm and spelling and fed
through the plugin as a notification would arrive."""

from __future__ import annotations

import hashlib
import json

import pytest

from eurzad.finance.gateways.contrib.payu.plugin import PayU
from eurzad.finance.gateways.contrib.payu.signing import (
    digest_name,
    parse_signature_header,
    signature_of,
    verify_signature,
)
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.registry import InvalidNotification, Outcome

SDK_MESSAGE = b"OpenPayUData"
SDK_KEY = "SignatureKey"

# openpayu_php OpenPayU_UtilTest::verifySignatureDataProvider, spellings as given there.
SDK_VERIFY_VECTORS = [
    ("MD5", "8375034eb737d520c829fad4026a38aa"),
    ("SHA-1", "52bb16149d1a5ccc8ac05f8e435c30d82efd5364"),
    ("SHA256", "8b2fd55b48f150347df56ce18d787335f32ced1d67f214016476f7c0a8f09981"),
    (
        "SHA384",
        "219a7029f09ae02ee406a623becca9691557cbf503fe58485cb5a08bf1a2a72f"
        "745fbc3e8fb1fa80f824b4f890ad3b35",
    ),
    (
        "SHA512",
        "4f658844a6bc4ed3c4320ecae0dc5e414c4fa2ce07563914cd5069f277ddead3"
        "7be5ca6dc35099ff9d8c184bb561bb740f626fdb5162d8f7160dba8ec4ad1d5d",
    ),
]

# openpayu_php OpenPayU_UtilTest::verifyGenerateSignData: the same "content + key" digest
# over the form content ``test=OpenPayUData&``, named with the dash.
SDK_FORM_VECTORS = [
    ("SHA-256", "e4c8315c9ab2e097ef1221f3fbd1e761405d961760e538fb2e0055d3d90b5e35"),
    (
        "SHA-384",
        "ef1f0258e004b4ade604115289a374a0cb54899ff48fc65ca6a23d5dfc6332df"
        "d5a3a63de88b65743cff5ecf8db4fda2",
    ),
    (
        "SHA-512",
        "3ebb7cd2b9f60dacda25835f323fb15adda3eb729da71fd61c9bfd41b97c6eee"
        "a47949cee0aaf5fa1a4d8fa9c065369aaeffd34afc4f376bd11dd8bfdd3c564d",
    ),
]

SECOND_KEY = "b6ca15b0d1020e8094d9b5f8d163db54"
# The notification body in PayU's documented shape (developers.payu.com, Payment
# lifecycle, notification example), with our POS and session.
BODY = json.dumps(
    {
        "order": {
            "orderId": "LDLW5N7MF4140324GUEST000P01",
            "extOrderId": "sesja-payu-kat",
            "orderCreateDate": "2026-03-15T09:59:01.000+01:00",
            "notifyUrl": "https://zembrzyce.example/platnosci/payu/powiadomienie/",
            "customerIp": "127.0.0.1",
            "merchantPosId": "300746",
            "description": "e-Urząd 1: rata 1",
            "currencyCode": "PLN",
            "totalAmount": "21000",
            "buyer": {"email": "jan@example.pl", "language": "pl"},
            "payMethod": {"type": "PBL"},
            "products": [{"name": "rata 1", "unitPrice": "21000", "quantity": "1"}],
            "status": "COMPLETED",
        },
        "localReceiptDateTime": "2026-03-15T10:00:00.000+01:00",
        "properties": [{"name": "PAYMENT_ID", "value": "151471228"}],
    },
    ensure_ascii=False,
).encode("utf-8")

HASHLIB = {
    "md5": hashlib.md5,
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}
# Every spelling: with and without the dash, upper, lower and mixed case.
SPELLINGS = [
    ("MD5", "md5"), ("md5", "md5"), ("Md5", "md5"),
    ("SHA-1", "sha1"), ("SHA1", "sha1"), ("sha-1", "sha1"), ("sha1", "sha1"),
    ("SHA-256", "sha256"), ("SHA256", "sha256"), ("sha-256", "sha256"), ("Sha256", "sha256"),
    ("SHA-384", "sha384"), ("SHA384", "sha384"), ("sha-384", "sha384"), ("sha384", "sha384"),
    ("SHA-512", "sha512"), ("SHA512", "sha512"), ("sha-512", "sha512"), ("sha512", "sha512"),
]  # fmt: skip


def header(signature: str, algorithm: str) -> str:
    return f"sender=checkout;signature={signature};algorithm={algorithm};content=DOCUMENT"


def config(second_key: str = SECOND_KEY) -> GatewayConfig:
    payu = GatewayConfig(gateway="payu", merchant_id="300746", environment="sandbox")
    payu.second_key = second_key
    return payu


def notify(body: bytes, headers: dict[str, str], second_key: str = SECOND_KEY):
    return PayU().parse_notification(config(second_key), body, headers)


@pytest.mark.parametrize("algorithm,expected", SDK_VERIFY_VECTORS)
def test_payu_sdk_verify_vectors_are_reproduced_and_accepted(algorithm, expected):
    assert signature_of(SDK_MESSAGE, SDK_KEY, algorithm) == expected
    verify_signature(SDK_MESSAGE, header(expected, algorithm), SDK_KEY)


@pytest.mark.parametrize("algorithm,expected", SDK_FORM_VECTORS)
def test_payu_sdk_sign_data_vectors_are_reproduced(algorithm, expected):
    assert signature_of(b"test=OpenPayUData&", SDK_KEY, algorithm) == expected


def test_payu_ruby_sdk_sha1_answer_matches_the_php_one():
    assert signature_of(SDK_MESSAGE, SDK_KEY, "SHA-1") == (
        "52bb16149d1a5ccc8ac05f8e435c30d82efd5364"
    )


def test_payu_sdk_incorrect_signature_is_refused():
    with pytest.raises(InvalidNotification, match="invalid signature"):
        verify_signature(SDK_MESSAGE, header("incorrectSignature", "SHA256"), SDK_KEY)


@pytest.mark.parametrize("spelling,name", SPELLINGS)
def test_payu_notification_signed_with_any_algorithm_and_spelling_is_read(spelling, name):
    signature = HASHLIB[name](BODY + SECOND_KEY.encode()).hexdigest()
    notice = notify(BODY, {"OpenPayu-Signature": header(signature, spelling)})
    assert notice.outcome == Outcome.PAID and notice.amount == 21000
    assert (notice.session_id, notice.transaction_id) == (
        "sesja-payu-kat",
        "LDLW5N7MF4140324GUEST000P01",
    )


def test_payu_signature_in_upper_case_hex_and_the_x_header_are_accepted():
    signature = hashlib.sha512(BODY + SECOND_KEY.encode()).hexdigest()
    notify(BODY, {"X-OpenPayU-Signature": header(signature.upper(), "SHA-512")})
    notify(BODY, {"openpayu-signature": header(signature, "SHA512")})


@pytest.mark.parametrize("spelling,name", SPELLINGS)
def test_payu_tampered_body_or_wrong_key_is_refused_for_every_algorithm(spelling, name):
    signature = HASHLIB[name](BODY + SECOND_KEY.encode()).hexdigest()
    signed = {"OpenPayu-Signature": header(signature, spelling)}
    with pytest.raises(InvalidNotification, match="invalid signature"):
        notify(BODY.replace(b'"21000"', b'"21001"', 1), signed)
    with pytest.raises(InvalidNotification, match="invalid signature"):
        notify(BODY, signed, second_key="a" * 32)
    # The right digest, declared as another algorithm.
    other = "MD5" if name == "sha256" else "SHA-256"
    with pytest.raises(InvalidNotification, match="invalid signature"):
        notify(BODY, {"OpenPayu-Signature": header(signature, other)})


@pytest.mark.parametrize(
    "algorithm",
    ["SHA", "SHA-224", "SHA224", "SHA3-256", "HMAC-SHA256", "SHA--256", "MD-5", "SHA_256",
     "RSA", " SHA-256x", "ŚHA256", "MD4"],
)  # fmt: skip
def test_payu_unknown_algorithm_is_refused_in_both_languages(algorithm):
    signature = hashlib.sha256(BODY + SECOND_KEY.encode()).hexdigest()
    with pytest.raises(InvalidNotification) as refused:
        notify(BODY, {"OpenPayu-Signature": header(signature, algorithm)})
    assert "Nieobsługiwany algorytm podpisu PayU" in str(refused.value)
    assert "unsupported PayU signature algorithm" in str(refused.value)


@pytest.mark.parametrize(
    "value,message",
    [
        ("", "missing OpenPayu-Signature header"),
        ("sender=checkout;algorithm=MD5;content=DOCUMENT", "without signature or algorithm"),
        ("sender=checkout;signature=abc;content=DOCUMENT", "without signature or algorithm"),
        ("sender=checkout;signature=;algorithm=MD5", "without signature or algorithm"),
        ("d47d8a771d558c29285887febddd9327", "malformed OpenPayu-Signature header"),
        ("signature=abc;algorithm;content=DOCUMENT", "malformed OpenPayu-Signature header"),
        ("signature=abc;signature=def;algorithm=MD5", "malformed OpenPayu-Signature header"),
        ("algorithm=MD5;ALGORITHM=SHA-512;signature=abc", "malformed OpenPayu-Signature header"),
        ("sender=checkout;;signature=abc;algorithm=MD5", "malformed OpenPayu-Signature header"),
    ],
)
def test_payu_malformed_signature_header_is_refused(value, message):
    with pytest.raises(InvalidNotification, match=message):
        notify(BODY, {"OpenPayu-Signature": value} if value else {})


def test_payu_signature_with_non_ascii_characters_is_refused_not_crashed():
    with pytest.raises(InvalidNotification, match="invalid signature"):
        notify(BODY, {"OpenPayu-Signature": header("ąę" * 16, "MD5")})


def test_payu_notification_is_refused_when_the_second_key_is_not_configured():
    # An empty key would make the signature a plain digest of the body.
    forged = hashlib.md5(BODY).hexdigest()
    with pytest.raises(InvalidNotification, match="PayU second key not configured"):
        notify(BODY, {"OpenPayu-Signature": header(forged, "MD5")}, second_key="")


def test_payu_documented_header_example_parses_into_its_parts():
    # developers.payu.com, Payment lifecycle: the example notification's header.
    parts = parse_signature_header(
        "sender=checkout;signature=d47d8a771d558c29285887febddd9327;algorithm=MD5;content=DOCUMENT"
    )
    assert parts == {
        "sender": "checkout",
        "signature": "d47d8a771d558c29285887febddd9327",
        "algorithm": "MD5",
        "content": "DOCUMENT",
    }


@pytest.mark.parametrize(
    "spelling,canonical",
    [("sha-384", "SHA384"), ("SHA1", "SHA1"), ("Md5", "MD5"), (" SHA-512 ", "SHA512")],
)
def test_payu_algorithm_names_are_normalised(spelling, canonical):
    assert digest_name(spelling) == canonical
