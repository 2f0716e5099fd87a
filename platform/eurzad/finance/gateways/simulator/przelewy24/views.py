"""A stand-in for Przelewy24 (REST API v1) on the platform host, only with
SIMULATORS_ENABLED: transaction/register (basic auth and sign checked), the payment page
/trnRequest/<token> where the tester decides what the payer does, transaction/verify,
transaction/by/sessionId, and a page to send held-back notifications."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from eurzad.core.csp import allow_form_posts_to
from eurzad.finance.gateways.contrib.przelewy24.signing import (
    register_sign,
    signs_match,
    verify_sign,
)
from eurzad.finance.gateways.simulator.payer import CHOICES, PAID
from eurzad.finance.gateways.simulator.przelewy24 import delivery, state
from eurzad.finance.gateways.simulator.przelewy24.merchants import Merchant, merchant

# by/sessionId "status" as documented: 0 no payment, 1 advance payment (paid, not yet
# verified), 2 payment made (verified), 3 payment returned (a refund, which this simulator
# does not model). A refused payment is no payment: 0, and no notification is sent, as
# Przelewy24 notifies only of correct payments.
STATUS_CODES = {"registered": 0, "abandoned": 0, "refused": 0}


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": status}, status=status)


def _authorised(request: HttpRequest) -> Merchant | JsonResponse:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return _error(401, "Brak uwierzytelnienia (no basic auth)")
    try:
        user, _sep, password = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return _error(401, "Nieczytelne uwierzytelnienie (unreadable basic auth)")
    shop = merchant(user) if user.isdigit() else None
    if (
        shop is None
        or str(shop.pos_id) != user
        or not constant_time_compare(password, shop.api_key)
    ):
        return _error(401, "Nieprawidłowy posId lub klucz API (wrong posId or API key)")
    return shop


def _json(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


@csrf_exempt
@require_http_methods(["POST"])
def register(request: HttpRequest) -> JsonResponse:
    shop = _authorised(request)
    if isinstance(shop, JsonResponse):
        return shop
    data = _json(request)
    required = ("merchantId", "posId", "sessionId", "amount", "currency", "description",
                "email", "urlReturn", "sign")  # fmt: skip
    if data is None or any(name not in data for name in required):
        return _error(400, "Brak wymaganych pól (missing fields)")
    if data["merchantId"] != shop.merchant_id or data["posId"] != shop.pos_id:
        return _error(400, "Nieprawidłowy merchantId/posId (wrong merchantId/posId)")
    if not isinstance(data["amount"], int) or data["amount"] < 1:
        return _error(400, "Kwota w groszach, dodatnia (amount: positive grosze)")
    expected = register_sign(
        session_id=str(data["sessionId"]),
        merchant_id=shop.merchant_id,
        amount=data["amount"],
        currency=str(data["currency"]),
        crc=shop.crc,
    )
    if not signs_match(expected, data["sign"]):
        return _error(400, "Nieprawidłowy sign (incorrect sign)")
    if state.get_by_session(shop.merchant_id, str(data["sessionId"])) is not None:
        return _error(400, "sessionId już użyty (sessionId already used)")
    token = secrets.token_hex(16).upper()
    state.put(
        state.Transaction(
            token=token,
            merchant_id=shop.merchant_id,
            pos_id=shop.pos_id,
            session_id=str(data["sessionId"]),
            amount=data["amount"],
            currency=str(data["currency"]),
            description=str(data["description"]),
            email=str(data["email"]),
            url_return=str(data["urlReturn"]),
            url_status=str(data.get("urlStatus", "")),
        )
    )
    return JsonResponse({"data": {"token": token}, "responseCode": 0})


@require_http_methods(["GET", "HEAD", "POST"])
def payment_page(request: HttpRequest, token: str) -> HttpResponse:
    transaction = state.get(token)
    if transaction is None:
        return render(request, "gateways/simulator/przelewy24/unknown.html", status=404)
    # The payer's choice is answered with a redirect back to the town: form-action covers it.
    allow_form_posts_to(request, transaction.url_return)
    if request.method == "POST" and transaction.status == "registered":
        choice = request.POST.get("choice", "")
        if choice in PAID:
            transaction.status = "paid"
            transaction.order_id = state.next_order_id()
            transaction.method_id = 25  # a simulated pay-by-link bank
            transaction.statement = f"p24-S{transaction.order_id}"
            state.put(transaction)
            if choice == "delayed":
                state.queue(token)
            else:
                for _time in range(2 if choice == "duplicated" else 1):
                    delivery.deliver(token)
        elif choice == "refuse":  # no notification: Przelewy24 sends none for a failure
            transaction.status = "refused"
            state.put(transaction)
        elif choice == "back":
            transaction.status = "abandoned"
            state.put(transaction)
        else:
            return render(
                request,
                "gateways/simulator/przelewy24/payment.html",
                {"transaction": transaction, "choices": CHOICES, "error": True},
                status=400,
            )
        return redirect(transaction.url_return)
    return render(
        request,
        "gateways/simulator/przelewy24/payment.html",
        {
            "transaction": transaction,
            "choices": CHOICES,
            "amount": f"{transaction.amount / 100:.2f}".replace(".", ","),
        },
    )


@csrf_exempt
@require_http_methods(["PUT"])
def verify(request: HttpRequest) -> JsonResponse:
    shop = _authorised(request)
    if isinstance(shop, JsonResponse):
        return shop
    data = _json(request) or {}
    transaction = state.get_by_session(shop.merchant_id, str(data.get("sessionId", "")))
    if transaction is None or transaction.status != "paid":
        return _error(400, "Nieznana lub nieopłacona transakcja (unknown or unpaid transaction)")
    if data.get("orderId") != transaction.order_id or data.get("amount") != transaction.amount:
        return _error(400, "orderId lub kwota nie zgadzają się (orderId or amount mismatch)")
    expected = verify_sign(
        session_id=transaction.session_id,
        order_id=transaction.order_id,
        amount=transaction.amount,
        currency=transaction.currency,
        crc=shop.crc,
    )
    if data.get("currency") != transaction.currency or not signs_match(expected, data.get("sign")):
        return _error(400, "Nieprawidłowy sign (incorrect sign)")
    transaction.verified = True
    state.put(transaction)
    return JsonResponse({"data": {"status": "success"}, "responseCode": 0})


@require_GET
def by_session(request: HttpRequest, session_id: str) -> JsonResponse:
    shop = _authorised(request)
    if isinstance(shop, JsonResponse):
        return shop
    transaction = state.get_by_session(shop.merchant_id, session_id)
    if transaction is None:
        return _error(404, "Nie znaleziono transakcji (transaction not found)")
    if transaction.status == "paid":
        code = 2 if transaction.verified else 1
    else:
        code = STATUS_CODES.get(transaction.status, 0)
    return JsonResponse(
        {
            "data": {
                "statement": transaction.statement,
                "orderId": transaction.order_id,
                "sessionId": transaction.session_id,
                "status": code,
                "amount": transaction.amount,
                "currency": transaction.currency,
                "description": transaction.description,
                "clientEmail": transaction.email,
                "paymentMethod": transaction.method_id,
            },
            "responseCode": 0,
        }
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """Held-back notifications, and a button that sends them all now."""
    sent = None
    if request.method == "POST":
        sent = delivery.deliver_pending()
    return render(
        request,
        "gateways/simulator/przelewy24/notifications.html",
        {"pending": state.pending(), "sent": sent},
    )
