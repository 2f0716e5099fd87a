"""Firebase Cloud Messaging, HTTP v1 API: an OAuth 2.0 access token obtained with a JWT
signed by the town's service-account key (RFC 7523), then
``POST /v1/projects/{project}/messages:send``."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

from eurzad.core import jwt
from eurzad.notifications.push import http
from eurzad.notifications.push.models import Provider, PushSettings, PushSubscription
from eurzad.notifications.push.providers import (
    Outcome,
    ProviderNotConfigured,
    PushMessage,
    PushProvider,
    outcome_of,
    register,
)

SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ASSERTION_LIFETIME_SECONDS = 3600


def service_account(config: PushSettings) -> dict[str, Any]:
    if not (config.fcm_enabled and config.fcm_project_id and config.fcm_service_account):
        raise ProviderNotConfigured("FCM is not configured for this town")
    try:
        account = json.loads(config.fcm_service_account)
    except ValueError as error:
        raise ProviderNotConfigured(f"the service-account key is not JSON: {error}") from None
    if not account.get("client_email") or not account.get("private_key"):
        raise ProviderNotConfigured("the service-account key lacks client_email / private_key")
    return account


def _token_cache_key(config: PushSettings, account: dict[str, Any]) -> str:
    fingerprint = hashlib.sha256(
        f"{account['client_email']}:{account.get('private_key_id', '')}".encode()
    ).hexdigest()[:16]
    return f"push:fcm-access-token:{config.fcm_project_id}:{fingerprint}"


def signed_assertion(account: dict[str, Any]) -> str:
    """The JWT the service account presents to the token endpoint."""
    now = int(time.time())
    claims = {
        "iss": account["client_email"],
        "scope": SCOPE,
        "aud": settings.PUSH_FCM_TOKEN_URL,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_SECONDS,
    }
    return jwt.encode(claims, account["private_key"], kid=account.get("private_key_id", ""))


def access_token(config: PushSettings, *, fresh: bool = False) -> str:
    """A cached OAuth 2.0 access token for the town's service account."""
    account = service_account(config)
    key = _token_cache_key(config, account)
    if not fresh and (token := cache.get(key)):
        return token
    answer = http.post(
        settings.PUSH_FCM_TOKEN_URL,
        data={"grant_type": GRANT_TYPE, "assertion": signed_assertion(account)},
    )
    token = answer.json().get("access_token", "")
    if answer.status != 200 or not token:
        raise ProviderNotConfigured(
            f"the token endpoint refused the service account: {answer.status} {answer.text[:200]}"
        )
    lifetime = int(answer.json().get("expires_in", 3600))
    cache.set(key, token, timeout=max(60, lifetime - 300))
    return token


def fcm_message(token: str, message: PushMessage) -> dict[str, Any]:
    # FCM data values must be strings.
    data = {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in message.data.items()}
    if message.link:
        data["link"] = message.link
    return {
        "message": {
            "token": token,
            "notification": {"title": message.title, "body": message.body},
            "data": data,
            "android": {"priority": "HIGH" if message.urgent else "NORMAL"},
            "apns": {"headers": {"apns-priority": "10" if message.urgent else "5"}},
        }
    }


def _error_code(answer: http.Answer) -> str:
    for detail in answer.json().get("error", {}).get("details", []) or []:
        if isinstance(detail, dict) and detail.get("errorCode"):
            return str(detail["errorCode"])
    return str(answer.json().get("error", {}).get("status", ""))


@register
class FcmProvider(PushProvider):
    kind = Provider.FCM

    def send(
        self, subscription: PushSubscription, message: PushMessage, config: PushSettings
    ) -> Outcome:
        url = (
            f"{settings.PUSH_FCM_URL.rstrip('/')}/v1/projects/{config.fcm_project_id}/messages:send"
        )
        body = json.dumps(fcm_message(subscription.token, message)).encode()
        try:
            for fresh in (False, True):  # an access token revoked early: fetch a new one once
                headers = {
                    "Authorization": f"Bearer {access_token(config, fresh=fresh)}",
                    "Content-Type": "application/json; charset=UTF-8",
                }
                answer = http.post(url, headers=headers, content=body)
                if answer.status != 401:
                    break
        except http.Unreachable as error:
            return Outcome.unreachable(error)
        code = _error_code(answer) if answer.status >= 400 else ""
        outcome = outcome_of(answer, gone=code == "UNREGISTERED")
        return Outcome(**{**outcome.__dict__, "detail": f"{code} {outcome.detail}".strip()[:500]})
