"""The resident's browsers: subscribing to Web Push from the account (session login,
CSRF), and the town's VAPID public key for ``pushManager.subscribe``."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from eurzad.notifications.push.credentials import vapid_public_key
from eurzad.notifications.push.services import subscribe_browser, unsubscribe_browser

MAX_BODY_BYTES = 8 * 1024


def _problem(status: int, detail: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"status": status, "detail": detail, **extra}, status=status)


def _resident(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        return None
    return getattr(request.user, "resident", None)


def _json_body(request: HttpRequest) -> dict[str, Any] | None:
    if len(request.body) > MAX_BODY_BYTES:
        return None
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@never_cache
@require_http_methods(["POST", "DELETE"])
def subscription(request: HttpRequest) -> JsonResponse:
    """``POST {endpoint, keys: {p256dh, auth}}`` → 201 (200 when already known);
    ``DELETE {endpoint}`` → 204."""
    resident = _resident(request)
    if resident is None:
        status = 403 if request.user.is_authenticated else 401
        return _problem(status, _("Zaloguj się jako mieszkaniec, aby włączyć powiadomienia."))
    data = _json_body(request) or {}
    endpoint = data.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return _problem(400, _("Wyślij obiekt JSON z adresem „endpoint” subskrypcji."))
    if request.method == "DELETE":
        unsubscribe_browser(resident, endpoint=endpoint)
        return JsonResponse({}, status=204)
    keys = data.get("keys")
    if not isinstance(keys, dict):
        keys = {}
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not isinstance(p256dh, str) or not isinstance(auth, str):
        return _problem(400, _("Brak kluczy subskrypcji „keys.p256dh” i „keys.auth”."))
    try:
        _subscription, created = subscribe_browser(
            resident,
            endpoint=endpoint,
            p256dh=p256dh,
            auth=auth,
            user_agent=request.headers.get("User-Agent", ""),
        )
    except ValidationError as error:
        return _problem(400, " ".join(error.messages))
    return JsonResponse({"endpoint": endpoint}, status=201 if created else 200)


@never_cache
@require_GET
def public_key(request: HttpRequest) -> JsonResponse:
    """``{"publicKey": "<VAPID public key, URL-safe base64>"}`` of this town."""
    return JsonResponse({"publicKey": vapid_public_key()})
