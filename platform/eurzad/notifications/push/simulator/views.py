"""The stand-in's endpoints. Each checks what the real service checks (VAPID, OAuth
assertion and access token, APNs provider token and topic), answers with the real
service's statuses and error bodies, and records what it accepted."""

from __future__ import annotations

import base64
import json
import secrets
import time
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core import jwt
from eurzad.core.requests import TenantRequest
from eurzad.notifications.push.credentials import push_settings
from eurzad.notifications.push.simulator import accounts, state

FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
ACCESS_TOKEN_SECONDS = 3600


def _now() -> int:
    return int(time.time())


def _record(kind: str, target: str, request: HttpRequest, **details: Any) -> str:
    message_id = secrets.token_hex(8)
    state.record(
        {
            "id": message_id,
            "kind": kind,
            "target": target,
            "at": timezone.now().isoformat(),
            "headers": {
                name: request.headers[name]
                for name in (
                    "Content-Encoding",
                    "TTL",
                    "Urgency",
                    "apns-topic",
                    "apns-push-type",
                    "apns-priority",
                    "Content-Type",
                )
                if name in request.headers
            },
            **details,
        }
    )
    return message_id


def _injected(kind: str, target: str) -> HttpResponse | None:
    failure = state.injected_failure(kind, target)
    if failure is None:
        return None
    response = JsonResponse({"error": "simulated outage"}, status=failure["status"])
    if failure.get("retry_after") is not None:
        response["Retry-After"] = str(failure["retry_after"])
    return response


# --- Web Push (RFC 8030 / 8291 / 8292) -----------------------------------------------


def _vapid(request: HttpRequest) -> tuple[dict[str, Any], str] | HttpResponse:
    header = request.headers.get("Authorization", "")
    scheme, _, params = header.partition(" ")
    if scheme.lower() != "vapid":
        return HttpResponse("VAPID authorization required", status=401)
    parts = dict(item.strip().split("=", 1) for item in params.split(",") if "=" in item)
    token, key = parts.get("t", ""), parts.get("k", "")
    try:
        public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), jwt.unb64url(key))
        claims = jwt.verify(token, public_key)
    except (ValueError, jwt.InvalidToken) as error:
        return HttpResponse(f"invalid VAPID token: {error}", status=403)
    origin = f"{request.scheme}://{request.get_host()}"
    exp = claims.get("exp", 0)
    if claims.get("aud") != origin:
        return HttpResponse(f"VAPID aud must be {origin}", status=403)
    if not isinstance(exp, int) or not _now() < exp <= _now() + 24 * 3600:
        return HttpResponse("VAPID exp must be within 24 hours", status=403)
    if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
        return HttpResponse("VAPID sub must be a mailto: or https: URI", status=403)
    return claims, key


@csrf_exempt
@require_POST
def webpush(request: HttpRequest, subscription_id: str) -> HttpResponse:
    if state.is_gone("webpush", subscription_id):
        return HttpResponse("subscription expired", status=410)
    vapid = _vapid(request)
    if isinstance(vapid, HttpResponse):
        return vapid
    claims, key = vapid
    if "TTL" not in request.headers:
        return HttpResponse("TTL header required", status=400)
    if request.headers.get("Content-Encoding") != "aes128gcm":
        return HttpResponse("Content-Encoding must be aes128gcm", status=415)
    if len(request.body) > 4096:
        return HttpResponse("payload too large", status=413)
    if (injected := _injected("webpush", subscription_id)) is not None:
        return injected
    message_id = _record(
        "webpush",
        subscription_id,
        request,
        body=base64.b64encode(request.body).decode(),
        vapid_key=key,
        vapid_claims=claims,
    )
    response = HttpResponse(status=201)
    response["Location"] = f"{request.path}/wiadomosc/{message_id}"
    return response


# --- FCM HTTP v1 and Google's OAuth 2.0 token endpoint --------------------------------


@csrf_exempt
@require_POST
def fcm_token(request: HttpRequest) -> JsonResponse:
    def refuse(description: str) -> JsonResponse:
        return JsonResponse(
            {"error": "invalid_grant", "error_description": description}, status=400
        )

    if request.POST.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
        return JsonResponse({"error": "unsupported_grant_type"}, status=400)
    assertion = request.POST.get("assertion", "")
    try:
        header, _claims = jwt.unverified(assertion)
        key = state.known_key("fcm", str(header.get("kid", "")))
        if key is None:
            return refuse("Invalid JWT Signature.")
        claims = jwt.verify(assertion, key["pem"])
    except jwt.InvalidToken as error:
        return refuse(f"Invalid JWT: {error}")
    project, email = key["owner"].split("|", 1)
    if claims.get("iss") != email:
        return refuse("Invalid email or User ID")
    if claims.get("aud") != request.build_absolute_uri():
        return refuse("Invalid JWT: aud must be the token endpoint.")
    iat, exp = claims.get("iat", 0), claims.get("exp", 0)
    if not (iat - 300 <= _now() < exp and exp - iat <= 3600):
        return refuse("Invalid JWT: Token must be a short-lived token (60 minutes).")
    if FCM_SCOPE not in str(claims.get("scope", "")).split():
        return refuse("Invalid scope.")
    token = "ya29.sim-" + secrets.token_urlsafe(32)
    _record("oauth", email, request, assertion=assertion, project=project)
    state.remember_access_token(token, {"project": project, "email": email},
                                ACCESS_TOKEN_SECONDS)  # fmt: skip
    return JsonResponse(
        {"access_token": token, "expires_in": ACCESS_TOKEN_SECONDS - 1, "token_type": "Bearer"}
    )


def _fcm_error(status: int, status_name: str, message: str, code: str = "") -> JsonResponse:
    error: dict[str, Any] = {"code": status, "message": message, "status": status_name}
    if code:
        error["details"] = [
            {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": code}
        ]
    return JsonResponse({"error": error}, status=status)


@csrf_exempt
@require_POST
def fcm_send(request: HttpRequest, project: str) -> HttpResponse:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    grant = state.access_grant(token) if scheme.lower() == "bearer" else None
    if grant is None:
        return _fcm_error(401, "UNAUTHENTICATED", "Request had invalid authentication.")
    if grant["project"] != project:
        return _fcm_error(403, "PERMISSION_DENIED", "SenderId mismatch", "SENDER_ID_MISMATCH")
    try:
        message = json.loads(request.body)["message"]
        target = message["token"]
        assert isinstance(target, str) and target
    except (ValueError, KeyError, TypeError, AssertionError):
        return _fcm_error(400, "INVALID_ARGUMENT", "message.token is required",
                          "INVALID_ARGUMENT")  # fmt: skip
    if state.is_gone("fcm", target):
        return _fcm_error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED")
    if (injected := _injected("fcm", target)) is not None:
        return injected
    message_id = _record(
        "fcm", target, request, project=project, message=message,
        access_token=token, client_email=grant["email"],
    )  # fmt: skip
    return JsonResponse({"name": f"projects/{project}/messages/{message_id}"})


# --- APNs provider API ----------------------------------------------------------------


def _apns_error(status: int, reason: str) -> JsonResponse:
    body: dict[str, Any] = {"reason": reason}
    if status == 410:
        body["timestamp"] = _now() * 1000
    response = JsonResponse(body, status=status)
    response["apns-id"] = secrets.token_hex(16)
    return response


@csrf_exempt
@require_POST
def apns_send(request: HttpRequest, device_token: str) -> HttpResponse:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return _apns_error(403, "MissingProviderToken")
    try:
        header, _claims = jwt.unverified(token)
        key = state.known_key("apns", str(header.get("kid", "")))
        if key is None or header.get("alg") != "ES256":
            return _apns_error(403, "InvalidProviderToken")
        claims = jwt.verify(token, key["pem"])
    except jwt.InvalidToken:
        return _apns_error(403, "InvalidProviderToken")
    if claims.get("iss") != key["owner"]:
        return _apns_error(403, "InvalidProviderToken")
    if not _now() - 3600 < int(claims.get("iat", 0)) <= _now() + 300:
        return _apns_error(403, "ExpiredProviderToken")
    if not request.headers.get("apns-topic"):
        return _apns_error(400, "MissingTopic")
    if request.headers.get("apns-push-type") not in ("alert", "background", "voip"):
        return _apns_error(400, "InvalidPushType")
    try:
        payload = json.loads(request.body)
        assert isinstance(payload.get("aps"), dict)
    except (ValueError, AssertionError, AttributeError):
        return _apns_error(400, "PayloadEmpty")
    if state.is_gone("apns", device_token):
        return _apns_error(410, "Unregistered")
    if (injected := _injected("apns", device_token)) is not None:
        return injected
    message_id = _record(
        "apns", device_token, request, payload=payload, provider_token=token,
        team_id=claims.get("iss"), key_id=header.get("kid"),
    )  # fmt: skip
    response = JsonResponse({}, status=200)
    response["apns-id"] = message_id
    return response


# --- the page for the demo and tests ---------------------------------------------------


@require_http_methods(["GET"])
def deliveries(request: HttpRequest) -> HttpResponse:
    """What reached the stand-in for this town, newest first (``?format=json``)."""
    recorded = state.deliveries()
    if request.GET.get("format") == "json":
        return JsonResponse({"deliveries": recorded})
    return render(request, "push/simulator_deliveries.html", {"deliveries": recorded})


@require_POST
def configure_town(request: TenantRequest) -> HttpResponse:
    """Demo: give the town stand-in FCM and APNs credentials (the consoles' downloads);
    for the town's admins only."""
    if not (request.user.is_authenticated and request.user.is_staff):
        return HttpResponse("Tylko dla administratorów gminy.", status=403)

    base = request.build_absolute_uri("/symulator-push")
    config = push_settings()
    project = f"eurzad-{request.tenant.schema_name}"
    account = accounts.issue_service_account(project, token_uri=f"{base}/fcm/token")
    key_id, p8 = accounts.issue_apns_key("SIMTEAM001")
    config.fcm_enabled, config.fcm_project_id = True, project
    config.fcm_service_account = json.dumps(account)
    config.apns_enabled, config.apns_team_id, config.apns_key_id = True, "SIMTEAM001", key_id
    config.apns_key, config.apns_topic = p8, "pl.eurzad.app"
    config.save()
    return redirect(request.path.rsplit("konfiguruj", 1)[0])
