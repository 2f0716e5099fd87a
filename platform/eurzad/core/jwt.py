"""Compact JWS (JWT) with ES256 and RS256, on ``cryptography`` alone: the push providers'
tokens (VAPID, FCM service account, APNs), the e-Doręczenia client assertion, and their
verification by the stand-ins."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)


class InvalidToken(ValueError):
    """The token is malformed, or its signature does not verify."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json(part: dict[str, Any]) -> str:
    return b64url(json.dumps(part, separators=(",", ":")).encode())


def encode(claims: dict[str, Any], private_key_pem: str, *, kid: str = "") -> str:
    """Sign ``claims``: ES256 with a P-256 key, RS256 with an RSA key."""
    key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
    header: dict[str, Any] = {"alg": "ES256" if isinstance(key, ec.EllipticCurvePrivateKey)
                              else "RS256", "typ": "JWT"}  # fmt: skip
    if kid:
        header["kid"] = kid
    signing_input = f"{_json(header)}.{_json(claims)}".encode()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    elif isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    else:
        raise InvalidToken("Only P-256 and RSA keys sign tokens here.")
    return f"{signing_input.decode()}.{b64url(signature)}"


def unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and claims of ``token``, not yet trusted."""
    try:
        header, claims, _signature = token.split(".")
        return json.loads(unb64url(header)), json.loads(unb64url(claims))
    except (ValueError, TypeError) as error:
        raise InvalidToken(f"malformed token: {error}") from None


def verify(token: str, public_key: Any) -> dict[str, Any]:
    """The claims of ``token`` when ``public_key`` (a ``cryptography`` public key or PEM)
    verifies its signature; raises :class:`InvalidToken` otherwise. Expiry is the
    caller's business: each protocol has its own rules."""
    if isinstance(public_key, str | bytes):
        raw = public_key.encode() if isinstance(public_key, str) else public_key
        public_key = serialization.load_pem_public_key(raw)
    header, claims = unverified(token)
    signing_input, _, signature_text = token.rpartition(".")
    signature = unb64url(signature_text)
    try:
        if header.get("alg") == "ES256" and isinstance(public_key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                raise InvalidToken("ES256 signature must be 64 bytes")
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            public_key.verify(der, signing_input.encode(), ec.ECDSA(hashes.SHA256()))
        elif header.get("alg") == "RS256" and isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(
                signature, signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()
            )
        else:
            raise InvalidToken(f"unexpected algorithm {header.get('alg')!r} for this key")
    except InvalidSignature:
        raise InvalidToken("signature does not verify") from None
    return claims


def public_pem(private_key_pem: str) -> str:
    key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
