"""The system's proof of identity to the e-Doręczenia authorisation server: an RS256 JWT
client assertion (RFC 7523 section 2.2, OIDC ``private_key_jwt``) sent with the
``client_credentials`` grant.

Claims, as the public integrations of the UA API send them: ``iss`` = ``sub`` = the
system's client id (``AE:PL-….SYSTEM.<name>``), ``aud`` = the token endpoint, a fresh
``jti``, ``iat`` / ``nbf`` now and a short ``exp``. The header names only the algorithm
(no ``kid``: the authorisation server knows the system by its registered certificate).
"""

from __future__ import annotations

import time
import uuid

from eurzad.core import jwt

__all__ = [
    "ASSERTION_LIFETIME_SECONDS",
    "CLIENT_ASSERTION_TYPE",
    "GRANT_TYPE",
    "client_assertion",
    "login_hint",
    "token_request_form",
]

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
GRANT_TYPE = "client_credentials"
ASSERTION_LIFETIME_SECONDS = 60


def client_assertion(
    *,
    client_id: str,
    token_endpoint: str,
    private_key_pem: str,
    now: int | None = None,
    jti: str | None = None,
) -> str:
    """A signed, single-use assertion that the system ``client_id`` is calling."""
    issued = int(time.time()) if now is None else now
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "jti": jti or str(uuid.uuid4()),
        "iat": issued,
        "nbf": issued,
        "exp": issued + ASSERTION_LIFETIME_SECONDS,
    }
    return jwt.encode(claims, private_key_pem)


def login_hint(delivery_address: str) -> str:
    """The mailbox the token is asked for, as the token request's ``login_hint``."""
    return f"ADE.{delivery_address}"


def token_request_form(assertion: str) -> dict[str, str]:
    """The ``application/x-www-form-urlencoded`` body of the token request."""
    return {
        "grant_type": GRANT_TYPE,
        "client_assertion_type": CLIENT_ASSERTION_TYPE,
        "client_assertion": assertion,
    }
