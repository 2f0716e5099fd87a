"""Who calls the integration API: a back-office system of the town, with
``Authorization: ApiKey <prefix>.<secret>``.

The prefix finds the client in the current town's schema (a key of another town finds
nothing here: 401); the secret's SHA-256 is compared in constant time; a revoked client
is refused on its very next request. The caller's address must be in the client's
allow-list (403 otherwise, even with a right key): the address the audit log records too
(``eurzad.core.client.client_ip``: the peer, or behind our own proxies the address they
saw)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.models import ApiClient
from eurzad.core.client import client_ip

TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often
KEYWORD = "ApiKey"


def _refused() -> exceptions.AuthenticationFailed:
    return exceptions.AuthenticationFailed(_("Nieznany lub unieważniony klucz API."))


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = KEYWORD

    def authenticate(self, request: Request) -> tuple[None, ApiClient] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Nagłówek Authorization: ApiKey <prefiks>.<sekret>.")
            )
        try:
            prefix, _sep, secret = header[1].decode("ascii").partition(".")
        except UnicodeDecodeError:
            raise _refused() from None
        if not prefix or not secret or len(prefix) > 24:
            raise _refused()
        client = ApiClient.objects.filter(key_prefix=prefix).first()
        if client is None or client.is_revoked or not client.secret_matches(secret):
            raise _refused()
        if not client.allows_ip(client_ip(request)):
            raise exceptions.PermissionDenied(
                _("Ten klucz API nie może być używany z tego adresu IP.")
            )
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > TOUCH_EVERY:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return None, client

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.integration.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Authorization: ApiKey <prefiks>.<sekret>` – klucz klienta API urzędu.",
        }
