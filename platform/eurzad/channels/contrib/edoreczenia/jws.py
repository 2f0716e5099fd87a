"""Signed bearer tokens (JWS compact, RS256) for the e-Doręczenia REST API: the system
proves it holds the key of its registered certificate on every request. A token is
short-lived, names the HTTP method and URL it is for, and is single-use (``jti``)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils.translation import gettext as _

from eurzad.identity.wk.keys import load_private_key

__all__ = ["TokenError", "make_token", "read_token"]

LIFETIME_SECONDS = 120
CLOCK_SKEW_SECONDS = 60


class TokenError(ValueError):
    """The bearer token is missing, malformed, expired or not signed by the right key."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _thumbprint(certificate_pem: str) -> str:
    der = x509.load_pem_x509_certificate(certificate_pem.encode()).public_bytes(
        serialization.Encoding.DER
    )
    return _b64(hashlib.sha256(der).digest())


def make_token(
    *, address: str, audience: str, method: str, url: str, key_pem: str, certificate_pem: str
) -> str:
    """A token for one request by the system at ``address``."""
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "x5t#S256": _thumbprint(certificate_pem)}
    claims = {
        "iss": address,
        "sub": address,
        "aud": audience,
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "jti": secrets.token_urlsafe(16),
        "htm": method.upper(),
        "htu": url,
    }
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    key = load_private_key(key_pem)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TokenError("RS256 needs an RSA key")
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def unverified_claims(token: str) -> dict[str, Any]:
    """The claims, before verification: only to find which certificate to verify with."""
    try:
        return json.loads(_unb64(token.split(".")[1]))
    except (IndexError, ValueError):
        raise TokenError(_("Niepoprawny token (malformed token).")) from None


def read_token(token: str, *, certificate_pem: str, audience: str, method: str, url: str) -> dict:
    """Verify ``token`` for this request and return its claims."""
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(_unb64(header_b64))
        claims = json.loads(_unb64(claims_b64))
        signature = _unb64(signature_b64)
    except ValueError:
        raise TokenError(_("Niepoprawny token (malformed token).")) from None
    if header.get("alg") != "RS256":
        raise TokenError(_("Niedozwolony algorytm tokenu (token algorithm not allowed)."))
    public_key = x509.load_pem_x509_certificate(certificate_pem.encode()).public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise TokenError(_("Certyfikat systemu nie jest RSA (the system certificate is not RSA)."))
    try:
        public_key.verify(
            signature,
            f"{header_b64}.{claims_b64}".encode("ascii"),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature:
        raise TokenError(
            _(
                "Token nie jest podpisany kluczem zarejestrowanego systemu "
                "(the token is not signed by the registered system's key)."
            )
        ) from None
    now = int(time.time())
    if not (
        claims.get("iat", 0) - CLOCK_SKEW_SECONDS
        <= now
        <= claims.get("exp", 0) + CLOCK_SKEW_SECONDS
    ):
        raise TokenError(_("Token wygasł (the token has expired)."))
    if (
        claims.get("aud") != audience
        or claims.get("htm") != method.upper()
        or claims.get("htu") != url
    ):
        raise TokenError(_("Token wydano dla innego żądania (the token is for another request)."))
    return claims
