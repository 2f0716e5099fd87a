"""Apple Push Notification service, provider API: ``POST /3/device/<token>`` with an
ES256 provider token (the town's .p8 key), ``apns-topic`` and ``apns-push-type``.
Apple requires HTTP/2: used when ``httpx`` and ``h2`` are installed; without them the
request goes over HTTP/1.1, which only the stand-in accepts."""

from __future__ import annotations

import json
import time
from typing import Any

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

# Apple accepts a provider token for an hour and refuses new ones more often than every
# 20 minutes (TooManyProviderTokenUpdates): reuse one for 50 minutes.
PROVIDER_TOKEN_SECONDS = 50 * 60
EXPIRATION_SECONDS = 24 * 3600


def provider_token(config: PushSettings, *, fresh: bool = False) -> str:
    if not (config.apns_enabled and config.apns_team_id and config.apns_key_id
            and config.apns_key):  # fmt: skip
        raise ProviderNotConfigured("APNs is not configured for this town")
    key = f"push:apns-provider-token:{config.apns_team_id}:{config.apns_key_id}"
    if not fresh and (token := cache.get(key)):
        return token
    token = jwt.encode(
        {"iss": config.apns_team_id, "iat": int(time.time())},
        config.apns_key,
        kid=config.apns_key_id,
    )
    cache.set(key, token, timeout=PROVIDER_TOKEN_SECONDS)
    return token


def apns_payload(message: PushMessage) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "aps": {"alert": {"title": message.title, "body": message.body}, "sound": "default"},
    }
    if message.link:
        payload["link"] = message.link
    if message.data:
        payload["data"] = message.data
    return payload


@register
class ApnsProvider(PushProvider):
    kind = Provider.APNS

    def send(
        self, subscription: PushSubscription, message: PushMessage, config: PushSettings
    ) -> Outcome:
        url = f"{config.apns_base_url.rstrip('/')}/3/device/{subscription.token}"
        body = json.dumps(apns_payload(message), ensure_ascii=False).encode()
        try:
            for fresh in (False, True):  # ExpiredProviderToken: sign a new one once
                headers = {
                    "authorization": f"bearer {provider_token(config, fresh=fresh)}",
                    "apns-topic": config.apns_topic,
                    "apns-push-type": "alert",
                    "apns-priority": "10" if message.urgent else "5",
                    "apns-expiration": str(int(time.time()) + EXPIRATION_SECONDS),
                    "content-type": "application/json",
                }
                answer = http.post(url, headers=headers, content=body, http2=True)
                if answer.status != 403 or answer.json().get("reason") != "ExpiredProviderToken":
                    break
        except http.Unreachable as error:
            return Outcome.unreachable(error)
        reason = answer.json().get("reason", "") if answer.status >= 400 else ""
        outcome = outcome_of(answer, gone=answer.status == 410)
        return Outcome(**{**outcome.__dict__, "detail": f"{reason} {outcome.detail}".strip()[:500]})
