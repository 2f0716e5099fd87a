"""Access tokens for the User Agent API: the OIDC ``client_credentials`` grant with a
signed JWT client assertion, reused until shortly before they expire (the documented
rule: fetch a token, use it while valid, fetch a new one after; no refresh)."""

from __future__ import annotations

import hashlib
from typing import Any

import requests
from django.core.cache import cache
from django.utils.translation import gettext as _

from eurzad.channels.contrib.edoreczenia.assertion import (
    client_assertion,
    login_hint,
    token_request_form,
)
from eurzad.channels.registry import ChannelError

__all__ = ["AccessTokens"]

TIMEOUT_SECONDS = 30
EXPIRY_MARGIN_SECONDS = 30


class AccessTokens:
    """The system's current access token for one mailbox, kept in the (tenant-aware)
    cache so that every worker of the town reuses it."""

    def __init__(self, config: Any, session: requests.Session) -> None:
        self.config = config
        self.session = session
        fingerprint = "|".join(
            (config.client_id, config.token_endpoint, config.delivery_address)
        ).encode()
        self.cache_key = f"channels:edoreczenia:token:{hashlib.sha256(fingerprint).hexdigest()}"

    def current(self) -> str:
        token = cache.get(self.cache_key)
        if token:
            return token
        token, lifetime = self._request()
        cache.set(self.cache_key, token, max(lifetime - EXPIRY_MARGIN_SECONDS, 1))
        return token

    def forget(self) -> None:
        """Drop the cached token (the API refused it)."""
        cache.delete(self.cache_key)

    def _request(self) -> tuple[str, int]:
        assertion = client_assertion(
            client_id=self.config.client_id,
            token_endpoint=self.config.token_endpoint,
            private_key_pem=self.config.system_private_key,
        )
        try:
            response = self.session.post(
                self.config.token_endpoint,
                params={"login_hint": login_hint(self.config.delivery_address)},
                data=token_request_form(assertion),
                headers={"Accept": "application/json"},
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise ChannelError(
                _("Nie można połączyć się z serwerem autoryzacji e-Doręczeń: %(error)s")
                % {"error": type(error).__name__}
            ) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200 or not isinstance(body, dict):
            raise ChannelError(
                _("Serwer autoryzacji e-Doręczeń odmówił tokenu (HTTP %(status)s): %(detail)s")
                % {
                    "status": response.status_code,
                    "detail": _oauth_error(body) if isinstance(body, dict) else "",
                }
            )
        token = body.get("access_token")
        try:
            lifetime = int(body.get("expires_in", 60))
        except (TypeError, ValueError):
            lifetime = 60
        if not isinstance(token, str) or not token:
            raise ChannelError(_("Serwer autoryzacji e-Doręczeń nie podał tokenu dostępu."))
        return token, lifetime


def _oauth_error(body: dict[str, Any]) -> str:
    """RFC 6749 section 5.2: ``error`` and ``error_description``."""
    return " – ".join(str(body[key]) for key in ("error", "error_description") if body.get(key))[
        :300
    ]
