"""HTTP side of the e-Doręczenia stand-in (platform host, only with SIMULATORS_ENABLED):
the token endpoint, the User Agent API, and a page on which a tester plays the
recipients of what the towns send (collects a letter, or lets 14 days pass)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.channels.simulator.ade import delivery, store
from eurzad.channels.simulator.ade.auth import (
    AuthError,
    access_token_holder,
    check_token_request,
    issue_access_token,
)
from eurzad.channels.simulator.ade.ua_api import Answer, ApiError, Call, answer
from eurzad.channels.simulator.systems import edoreczenia_system

TOKEN_SUFFIX = "/protocol/openid-connect/token"  # noqa: S105 (a path)


def _respond(result: Answer) -> HttpResponse:
    if result.payload is not None:
        return JsonResponse(result.payload, status=result.status, safe=False)
    return HttpResponse(result.content, status=result.status, content_type=result.content_type)


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    """``POST /auth/realms/EDOR/protocol/openid-connect/token``."""
    endpoint = request.build_absolute_uri(request.path)
    realm = endpoint.removesuffix(TOKEN_SUFFIX)
    try:
        grant = check_token_request(
            request.POST.dict(), request.GET.get("login_hint", ""), (endpoint, realm)
        )
    except AuthError as error:
        return JsonResponse(
            {"error": error.error, "error_description": str(error)}, status=error.status
        )
    return JsonResponse(issue_access_token(grant, realm))


@csrf_exempt
@require_http_methods(["GET", "POST", "PATCH", "PUT", "DELETE"])
def ua_api(request: HttpRequest, address: str, path: str) -> HttpResponse:
    """``/api/v3/{eDeliveryAddress}/…``: only for a token issued for ``address``."""
    try:
        holder = access_token_holder(request.headers.get("Authorization", ""))
    except AuthError as error:
        return _respond(ApiError(401, error.error, str(error)).answer())
    if holder != address:
        return _respond(ApiError(403, "FORBIDDEN", "Token nie uprawnia do tej skrzynki.").answer())
    call = Call(
        method=request.method or "GET",
        address=address,
        parts=tuple(part for part in path.split("/") if part),
        query=request.GET.dict(),
        body=request.body,
    )
    return _respond(answer(call))


# ---------------------------------------------------------------- the recipients' page

ACTIONS = {
    "collect": delivery.collect,
    "deem": delivery.deem_delivered,
    "fail": delivery.fail_delivery,
}


def _recipient_letters() -> list[dict]:
    """Letters waiting in the simulated residents' mailboxes (not the towns')."""
    letters = []
    for address in store.addresses():
        if edoreczenia_system(address=address) is not None:
            continue
        for record in store.messages_of(address):
            if record["label"] == "INBOX":
                letters.append(record)
    return sorted(letters, key=lambda r: r["timestamp"], reverse=True)


@require_http_methods(["GET"])
def recipients(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "channels/simulator/ade_recipients.html",
        {"letters": _recipient_letters(), "done": request.GET.get("zrobione", "")},
    )


@require_POST
def settle(request: HttpRequest) -> HttpResponse:
    action = ACTIONS.get(request.POST.get("action", ""))
    message_id = request.POST.get("message", "")
    if action is None or store.message(message_id) is None:
        return HttpResponse("Nieznana wiadomość albo czynność.", status=400)
    action(message_id)
    return redirect(f"{request.path.removesuffix('rozstrzygnij')}?zrobione={message_id}")
