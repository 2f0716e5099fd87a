"""The simulated PayU's REST API 2.1 on the platform host (only with SIMULATORS_ENABLED):
the OAuth token, order creation (answered 302 with a JSON body, as PayU does) and the
order read back. Error answers carry PayU's ``status`` object; see
docs/integrations/payu.md for which of their details are documented and which are ours."""

from __future__ import annotations

import json
import secrets
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from eurzad.finance.gateways.models import Gateway
from eurzad.finance.gateways.simulator.contracts import local_contract
from eurzad.finance.gateways.simulator.payu import state
from eurzad.finance.gateways.simulator.payu.delivery import order_document

REQUIRED = ("customerIp", "merchantPosId", "description", "currencyCode", "totalAmount", "products")
PRODUCT_REQUIRED = ("name", "unitPrice", "quantity")
CURRENCY = "PLN"  # the simulated POS's currency


def status_object(status_code: str, description: str, **extra: str) -> dict[str, str]:
    """PayU's ``status`` object of an error, with ``code``/``codeLiteral`` when given."""
    return {"statusCode": status_code, "severity": "ERROR", **extra, "statusDesc": description}


def status_error(
    http_status: int, status_code: str, description: str, **extra: str
) -> JsonResponse:
    return JsonResponse(
        {"status": status_object(status_code, description, **extra)}, status=http_status
    )


def _oauth_error(http_status: int, error: str, description: str) -> JsonResponse:
    return JsonResponse({"error": error, "error_description": description}, status=http_status)


@csrf_exempt
@require_POST
def authorize(request: HttpRequest) -> JsonResponse:
    """``POST /pl/standard/user/oauth/authorize``, form-encoded ``client_credentials``."""
    if request.content_type != "application/x-www-form-urlencoded":
        # Documented: without this content type the request is answered 401.
        return _oauth_error(401, "unauthorized", "Full authentication is required")
    if request.POST.get("grant_type") != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")
    client_id = request.POST.get("client_id", "")
    contract = local_contract(Gateway.PAYU, client_id=client_id) if client_id else None
    if contract is None or not constant_time_compare(
        request.POST.get("client_secret", ""), contract.client_secret
    ):
        return _oauth_error(401, "invalid_client", "Bad client credentials")
    return JsonResponse(
        {
            "access_token": state.issue_token(contract.merchant_id),
            "token_type": "bearer",
            "expires_in": state.TOKEN_SECONDS,
            "grant_type": "client_credentials",
        }
    )


def _pos(request: HttpRequest) -> str | None:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return state.pos_of_token(token.strip()) if scheme.lower() == "bearer" else None


def _unauthorized() -> JsonResponse:
    return status_error(401, "UNAUTHORIZED", "Incorrect authentication")


def _problem(data: Any, pos_id: str) -> JsonResponse | None:
    """The first thing wrong with an order, as PayU would answer it; None if none."""
    if not isinstance(data, dict):
        return status_error(400, "ERROR_SYNTAX", "Invalid JSON syntax")
    for name in REQUIRED:
        if data.get(name) in (None, "", []):
            return status_error(
                400,
                "ERROR_VALUE_MISSING",
                f"Missing required field: {name}",
                codeLiteral=f"MISSING_{name.upper()}",
            )
    if str(data["merchantPosId"]) != pos_id:
        return status_error(
            400,
            "ERROR_VALUE_INVALID",
            "Invalid merchantPosId value",
            codeLiteral="INVALID_MERCHANT_POS_ID",
        )
    amount = data["totalAmount"]
    if not isinstance(amount, str) or not amount.isdigit() or int(amount) < 1:
        return status_error(
            400,
            "ERROR_VALUE_INVALID",
            "Invalid totalAmount value",
            codeLiteral="INVALID_TOTAL_AMOUNT",
        )
    if data["currencyCode"] != CURRENCY:
        return status_error(
            400,
            "ERROR_VALUE_INVALID",
            "Invalid currencyCode value",
            codeLiteral="INVALID_CURRENCY_CODE",
        )
    products = data["products"]
    if not isinstance(products, list) or not all(
        isinstance(product, dict)
        and all(product.get(f) not in (None, "") for f in PRODUCT_REQUIRED)
        for product in products
    ):
        return status_error(
            400,
            "ERROR_VALUE_MISSING",
            "Missing product name, unitPrice or quantity",
            codeLiteral="MISSING_PRODUCT_DATA",
        )
    for name in ("notifyUrl", "continueUrl"):
        if data.get(name) and urlsplit(str(data[name])).scheme not in ("http", "https"):
            return status_error(
                400,
                "ERROR_VALUE_INVALID",
                f"Invalid {name} value",
                codeLiteral=f"INVALID_{name.upper()}",
            )
    return None


def _create(request: HttpRequest, pos_id: str) -> JsonResponse:
    try:
        data = json.loads(request.body)
    except ValueError:
        data = None
    problem = _problem(data, pos_id)
    if problem is not None:
        return problem
    order = state.Order(
        order_id=state.new_order_id(),
        pos_id=pos_id,
        ext_order_id=str(data.get("extOrderId") or ""),
        notify_url=str(data.get("notifyUrl") or ""),
        continue_url=str(data.get("continueUrl") or ""),
        customer_ip=str(data["customerIp"]),
        description=str(data["description"]),
        currency=str(data["currencyCode"]),
        total_amount=int(data["totalAmount"]),
        buyer=data.get("buyer") if isinstance(data.get("buyer"), dict) else {},
        products=data["products"],
        created=timezone.localtime().isoformat(timespec="milliseconds"),
        page_token=secrets.token_urlsafe(24),
    )
    if order.ext_order_id:
        taken = state.reserve_ext_order_id(pos_id, order.ext_order_id, order.order_id)
        if taken is not None:
            # As a public integration recorded PayU's answer to a repeated extOrderId.
            status = status_object(
                "ERROR_ORDER_NOT_UNIQUE",
                "Order with given extOrderId already exists",
                code="110",
                codeLiteral="ORDER_NOT_UNIQUE",
            )
            return JsonResponse(
                {"status": status, "orderId": taken, "extOrderId": order.ext_order_id}, status=400
            )
    state.put(order)
    page = request.build_absolute_uri(reverse("payu-sim-pay"))
    redirect_uri = f"{page}?{urlencode({'orderId': order.order_id, 'token': order.page_token})}"
    answer = {
        "status": {"statusCode": "SUCCESS"},
        "redirectUri": redirect_uri,
        "orderId": order.order_id,
    }
    if order.ext_order_id:
        answer["extOrderId"] = order.ext_order_id
    # PayU answers 302 with the JSON body; a client that follows the Location lands on
    # the payer's HTML page instead of reading the answer.
    response = JsonResponse(answer, status=302)
    response["Location"] = redirect_uri
    return response


@csrf_exempt
@require_POST
def orders(request: HttpRequest) -> JsonResponse:
    """``POST /api/v2_1/orders``: create an order (Bearer token of the POS)."""
    pos_id = _pos(request)
    if pos_id is None:
        return _unauthorized()
    return _create(request, pos_id)


@require_GET
def order(request: HttpRequest, order_id: str) -> JsonResponse:
    """``GET /api/v2_1/orders/{orderId}``: the order, if it is this POS's."""
    pos_id = _pos(request)
    if pos_id is None:
        return _unauthorized()
    found = state.get(order_id)
    if found is None or found.pos_id != pos_id:
        return JsonResponse(
            {
                "status": {
                    "statusCode": "DATA_NOT_FOUND",
                    "severity": "INFO",
                    "statusDesc": "Could not find data for given criteria.",
                }
            },
            status=404,
        )
    answer: dict[str, Any] = {
        "orders": [order_document(found)],
        "status": {"statusCode": "SUCCESS", "statusDesc": "Request processing successful"},
    }
    if found.payment_id:
        answer["properties"] = [{"name": "PAYMENT_ID", "value": found.payment_id}]
    return JsonResponse(answer)
