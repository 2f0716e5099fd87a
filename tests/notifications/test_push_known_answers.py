"""Push tokens and messages against the RFCs' and providers' own definitions, not against
our push simulator.

- RFC 8291 (Message Encryption for Web Push), Appendix A: fixed keys, salt and auth
  secret, and the exact aes128gcm body (RFC 8188) they give.
- A receiver written here from RFC 8291 §3.4 and RFC 8188 §2 (HKDF-SHA-256, AES-128-GCM,
  the ``0x02`` padding delimiter) reads the RFC's body and what our provider encrypts.
- RFC 8292 (VAPID): ``Authorization: vapid t=<ES256 JWT>, k=<public key>``; the JWT's
  ``aud`` is the push service's origin and ``exp`` at most 24 hours ahead.
"""

from __future__ import annotations

import base64
import json
import time

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pywebpush import WebPusher

from eurzad.notifications.push.models import PushSettings
from eurzad.notifications.push.providers.webpush import vapid_headers

# RFC 8291, Appendix A.
PLAINTEXT = b"When I grow up, I want to be a watermelon"
AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
AS_PUBLIC = (
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
)
UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
UA_PUBLIC = (
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
)
SALT = "DGv6ra1nlYgDCS1FRnbzlw"
AUTH = "BTBZMqHH6r4Tts7J_aSIgg"
BODY = (
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocIn"
    "mYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWG"
    "NWQexSgSxsj_Qulcy4a-fN"
)


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _private(text: str) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(_b64(text), "big"), ec.SECP256R1())


def _point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _hkdf(secret: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    return HKDF(hashes.SHA256(), length, salt, info).derive(secret)


def receive(body: bytes, ua_private: ec.EllipticCurvePrivateKey, auth: bytes) -> bytes:
    """What a browser does with an aes128gcm push message (one record)."""
    salt, record_size, key_id_length = body[:16], int.from_bytes(body[16:20], "big"), body[20]
    as_public = body[21 : 21 + key_id_length]
    ciphertext = body[21 + key_id_length :]
    assert len(ciphertext) <= record_size
    shared = ua_private.exchange(
        ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public)
    )
    ikm = _hkdf(shared, auth, b"WebPush: info\x00" + _point(ua_private) + as_public, 32)
    cek = _hkdf(ikm, salt, b"Content-Encoding: aes128gcm\x00", 16)
    nonce = _hkdf(ikm, salt, b"Content-Encoding: nonce\x00", 12)
    padded = AESGCM(cek).decrypt(nonce, ciphertext, None)
    content, delimiter = padded.rstrip(b"\x00")[:-1], padded.rstrip(b"\x00")[-1:]
    assert delimiter == b"\x02"  # the last (only) record
    return content


def test_the_rfc_keys_are_the_pairs_it_says() -> None:
    assert _point(_private(AS_PRIVATE)) == _b64(AS_PUBLIC)
    assert _point(_private(UA_PRIVATE)) == _b64(UA_PUBLIC)


def test_the_encryption_our_provider_uses_gives_the_rfcs_body() -> None:
    """pywebpush encrypts with http_ece, aes128gcm, the default 4096-byte record."""
    body = http_ece.encrypt(
        PLAINTEXT,
        salt=_b64(SALT),
        private_key=_private(AS_PRIVATE),
        dh=_b64(UA_PUBLIC),
        auth_secret=_b64(AUTH),
        version="aes128gcm",
    )
    assert body == _b64(BODY)


def test_the_receiver_written_from_the_rfc_reads_the_rfcs_body() -> None:
    assert receive(_b64(BODY), _private(UA_PRIVATE), _b64(AUTH)) == PLAINTEXT


def test_what_our_provider_encrypts_a_browser_can_read() -> None:
    """The same call as WebPushProvider.send, to the RFC's subscription keys."""
    pusher = WebPusher(
        {"endpoint": "https://push.example/x", "keys": {"p256dh": UA_PUBLIC, "auth": AUTH}}
    )
    message = json.dumps({"title": "Termin płatności", "body": "Rata 2 – 15 maja"}).encode()
    encrypted = pusher.encode(message, content_encoding="aes128gcm")
    assert receive(encrypted["body"], _private(UA_PRIVATE), _b64(AUTH)) == message


def test_vapid_authorization_per_rfc_8292() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    config = PushSettings()
    config.vapid_private_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    headers = vapid_headers("https://fcm.googleapis.com/fcm/send/abc", config, "mailto:it@gmina.pl")
    scheme, _, parameters = headers["Authorization"].partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in parameters.split(","))
    assert _b64(fields["k"]) == _point(key)
    header, claims, signature = fields["t"].split(".")
    assert json.loads(_b64(header)) == {"typ": "JWT", "alg": "ES256"}
    payload = json.loads(_b64(claims))
    assert payload["aud"] == "https://fcm.googleapis.com"
    assert payload["sub"] == "mailto:it@gmina.pl"
    assert time.time() < payload["exp"] <= time.time() + 24 * 3600
    raw = _b64(signature)  # JWS ES256: r || s, 32 bytes each
    assert len(raw) == 64
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    key.public_key().verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))


# FCM HTTP v1 (Google: "Using OAuth 2.0 for Server to Server Applications") and APNs
# ("Establishing a token-based connection to APNs"): the tokens as those documents define
# them, each signature checked here with the public key, not with our JWT module.


def _parts(token: str) -> tuple[dict, dict, bytes, bytes]:
    header, claims, signature = token.split(".")
    return (
        json.loads(_b64(header)),
        json.loads(_b64(claims)),
        f"{header}.{claims}".encode(),
        _b64(signature),
    )


def test_fcm_service_account_assertion_is_googles_rs256_jwt() -> None:
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    from eurzad.notifications.push.providers.fcm import signed_assertion

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    account = {
        "client_email": "eurzad@gmina-zembrzyce.iam.gserviceaccount.com",
        "private_key_id": "3f2a",
        "private_key": key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    }
    header, claims, signed, signature = _parts(signed_assertion(account))
    assert header == {"alg": "RS256", "typ": "JWT", "kid": "3f2a"}
    assert claims["iss"] == account["client_email"]
    assert claims["scope"] == "https://www.googleapis.com/auth/firebase.messaging"
    assert claims["aud"] == "https://oauth2.googleapis.com/token"
    assert 0 < claims["exp"] - claims["iat"] <= 3600  # Google: at most one hour
    key.public_key().verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())


def test_apns_provider_token_is_apples_es256_jwt(settings) -> None:  # type: ignore[no-untyped-def]
    from eurzad.notifications.push.providers.apns import provider_token

    key = ec.generate_private_key(ec.SECP256R1())
    config = PushSettings(apns_enabled=True, apns_team_id="ABCDE12345", apns_key_id="KEY1234567")
    config.apns_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    header, claims, signed, signature = _parts(provider_token(config, fresh=True))
    assert header["alg"] == "ES256" and header["kid"] == "KEY1234567"
    assert set(claims) == {"iss", "iat"} and claims["iss"] == "ABCDE12345"
    assert abs(claims["iat"] - time.time()) < 60  # Apple refuses tokens older than an hour
    assert len(signature) == 64
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    key.public_key().verify(der, signed, ec.ECDSA(hashes.SHA256()))
