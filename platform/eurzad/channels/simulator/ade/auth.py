"""The simulated authorisation server: the OIDC token endpoint checking the system's
RS256 client assertion (RFC 7523) against the certificate registered for its client id,
and the access tokens it issues (RS256 JWTs signed with the provider key, naming the
mailbox and scopes as the operator's tokens do) checked again by the UA API."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography import x509

from eurzad.channels.contrib.edoreczenia.assertion import CLIENT_ASSERTION_TYPE, GRANT_TYPE
from eurzad.channels.simulator.ade import store
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.simulator.systems import edoreczenia_system
from eurzad.core import jwt

__all__ = [
    "ACCESS_TOKEN_SECONDS",
    "AuthError",
    "Grant",
    "access_token_holder",
    "issue_access_token",
]

ACCESS_TOKEN_SECONDS = 300
CLOCK_SKEW_SECONDS = 30
MAX_ASSERTION_SECONDS = 600
SCOPES = ["read_messages", "write_messages"]


class AuthError(ValueError):
    """Refused; ``error`` is the RFC 6749 code, the message the description."""

    def __init__(self, error: str, description: str, status: int = 401) -> None:
        super().__init__(description)
        self.error = error
        self.status = status


@dataclass(frozen=True)
class Grant:
    client_id: str
    address: str


def _public_key(certificate_pem: str) -> Any:
    return x509.load_pem_x509_certificate(certificate_pem.encode()).public_key()


def _check_times(claims: dict[str, Any], now: int) -> None:
    exp, iat = claims.get("exp"), claims.get("iat", claims.get("nbf"))
    if not isinstance(exp, int) or exp + CLOCK_SKEW_SECONDS < now:
        raise AuthError("invalid_client", "Asercja wygasła albo nie ma exp.")
    if isinstance(claims.get("nbf"), int) and claims["nbf"] - CLOCK_SKEW_SECONDS > now:
        raise AuthError("invalid_client", "Asercja jeszcze nie obowiązuje (nbf).")
    if isinstance(iat, int) and exp - iat > MAX_ASSERTION_SECONDS:
        raise AuthError("invalid_client", "Asercja ważna zbyt długo.")


def check_token_request(form: dict[str, str], login_hint: str, audiences: tuple[str, ...]) -> Grant:
    """The grant for a valid token request, or :class:`AuthError`."""
    if form.get("grant_type") != GRANT_TYPE:
        raise AuthError("unsupported_grant_type", "Obsługiwany jest tylko client_credentials.", 400)
    if form.get("client_assertion_type") != CLIENT_ASSERTION_TYPE:
        raise AuthError("invalid_client", "Wymagana asercja JWT (jwt-bearer).")
    assertion = form.get("client_assertion", "")
    try:
        header, claims = jwt.unverified(assertion)
    except jwt.InvalidToken:
        raise AuthError("invalid_client", "Niepoprawna asercja JWT.") from None
    if header.get("alg") != "RS256":
        raise AuthError("invalid_client", "Asercja musi być podpisana RS256.")
    client_id = claims.get("iss")
    if not isinstance(client_id, str) or claims.get("sub") != client_id:
        raise AuthError("invalid_client", "W asercji iss i sub muszą być identyfikatorem systemu.")
    system = edoreczenia_system(client_id=client_id)
    if system is None:
        raise AuthError("invalid_client", "Nieznany system (client id).")
    try:
        jwt.verify(assertion, _public_key(system.certificate))
    except jwt.InvalidToken:
        raise AuthError(
            "invalid_client", "Podpis asercji nie zgadza się z certyfikatem systemu."
        ) from None
    if claims.get("aud") not in audiences:
        raise AuthError("invalid_client", "Asercja jest przeznaczona dla innego odbiorcy (aud).")
    now = int(time.time())
    _check_times(claims, now)
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise AuthError("invalid_client", "Asercja bez jti.")
    if not store.use_once(f"jti:{client_id}:{jti}", claims["exp"] - now + CLOCK_SKEW_SECONDS):
        raise AuthError("invalid_client", "Asercję użyto ponownie (jti).")
    if login_hint and login_hint != f"ADE.{system.address}":
        raise AuthError("invalid_grant", "System nie ma dostępu do tej skrzynki (login_hint).", 400)
    return Grant(client_id=client_id, address=system.address)


def issue_access_token(grant: Grant, issuer: str) -> dict[str, Any]:
    """The token response (RFC 6749 section 5.1)."""
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": ["edor-be"],
        "azp": grant.client_id,
        "typ": "Bearer",
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + ACCESS_TOKEN_SECONDS,
        "scope": "system-attributes",
        "mailbox": {"address": grant.address, "status": "active"},
        "authorization": {"permissions": [{"rsname": f"ADE.{grant.address}", "scopes": SCOPES}]},
    }
    key, _certificate = provider_key_and_certificate()
    return {
        "access_token": jwt.encode(claims, key),
        "expires_in": ACCESS_TOKEN_SECONDS,
        "refresh_expires_in": 0,
        "token_type": "Bearer",
        "not-before-policy": 0,
        "scope": "system-attributes",
    }


def access_token_holder(authorization: str) -> str:
    """The mailbox address an ``Authorization: Bearer`` header's token was issued for."""
    if not authorization.startswith("Bearer "):
        raise AuthError("unauthorized", "Brak tokenu dostępu (Bearer).")
    token = authorization.removeprefix("Bearer ").strip()
    _key, certificate = provider_key_and_certificate()
    try:
        claims = jwt.verify(token, _public_key(certificate))
    except jwt.InvalidToken:
        raise AuthError("unauthorized", "Token dostępu jest nieważny.") from None
    if not isinstance(claims.get("exp"), int) or claims["exp"] < time.time():
        raise AuthError("unauthorized", "Token dostępu wygasł.")
    mailbox = claims.get("mailbox") or {}
    address = mailbox.get("address") if isinstance(mailbox, dict) else None
    if not isinstance(address, str) or not address:
        raise AuthError("unauthorized", "Token dostępu nie wskazuje skrzynki.")
    return address
