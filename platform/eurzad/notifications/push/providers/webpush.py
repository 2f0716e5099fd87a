"""Web Push (RFC 8030) to a browser's push service: the payload encrypted with
aes128gcm (RFC 8291 / RFC 8188) and the request signed with the town's VAPID key
(RFC 8292), both through ``pywebpush`` / ``py_vapid``."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02
from pywebpush import WebPusher, WebPushException

from eurzad.notifications.push import http
from eurzad.notifications.push.credentials import vapid_settings, vapid_subject
from eurzad.notifications.push.models import Provider, PushSettings, PushSubscription
from eurzad.notifications.push.providers import (
    Outcome,
    PushMessage,
    PushProvider,
    outcome_of,
    register,
)

TTL_SECONDS = 24 * 3600  # an undelivered message is worthless after a day
VAPID_LIFETIME_SECONDS = 12 * 3600  # RFC 8292: at most 24 hours


def vapid_headers(endpoint: str, config: PushSettings, subject: str) -> dict[str, str]:
    """``Authorization: vapid t=<JWT>, k=<public key>`` for the endpoint's origin."""
    parts = urlsplit(endpoint)
    # Vapid02.from_pem mistakes standard base64 for URL-safe: load the key here.
    vapid = Vapid02(serialization.load_pem_private_key(config.vapid_private_key.encode(), None))
    return vapid.sign(
        {
            "aud": f"{parts.scheme}://{parts.netloc}",
            "exp": int(time.time()) + VAPID_LIFETIME_SECONDS,
            "sub": subject,
        }
    )


@register
class WebPushProvider(PushProvider):
    kind = Provider.WEBPUSH

    def send(
        self, subscription: PushSubscription, message: PushMessage, config: PushSettings
    ) -> Outcome:
        if not config.vapid_public_key:  # a browser never asks for a message without it
            config = vapid_settings()

        try:
            pusher = WebPusher(
                {
                    "endpoint": subscription.token,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                }
            )
            encrypted = pusher.encode(message.as_json(), content_encoding="aes128gcm")
        except (WebPushException, ValueError) as error:
            # Keys a browser would never produce: the subscription cannot be used.
            return Outcome(delivered=False, gone=True, detail=f"bad keys: {error}"[:500])
        headers = {
            **vapid_headers(subscription.token, config, vapid_subject(config)),
            "TTL": str(TTL_SECONDS),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "Urgency": "high" if message.urgent else "normal",
        }
        try:
            answer = http.post(subscription.token, headers=headers, content=encrypted["body"])
        except http.Unreachable as error:
            return Outcome.unreachable(error)
        return outcome_of(answer, gone=answer.status in (404, 410))


__all__ = ["WebPushProvider", "vapid_headers"]
