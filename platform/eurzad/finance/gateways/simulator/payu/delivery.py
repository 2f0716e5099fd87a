"""The simulated PayU notifies the shop's notifyUrl of every change of an order's
status, in PayU's documented body, signed in the ``OpenPayu-Signature`` header with the
POS's second key; a notification not answered with HTTP 200 is queued to be sent again,
as PayU repeats it until it is."""

from __future__ import annotations

import json
import logging

from django.utils import timezone

from eurzad.finance.gateways.contrib.payu.signing import HEADER_NAMES, signature_of
from eurzad.finance.gateways.models import Gateway
from eurzad.finance.gateways.simulator import outbound
from eurzad.finance.gateways.simulator.contracts import local_contract
from eurzad.finance.gateways.simulator.payu import state

__all__ = ["deliver", "deliver_pending", "notification_body", "order_document"]

logger = logging.getLogger(__name__)


def order_document(order: state.Order, status: str | None = None) -> dict:
    """The order as PayU shows it in a notification and in the order retrieve answer."""
    document = {
        "orderId": order.order_id,
        "extOrderId": order.ext_order_id,
        "orderCreateDate": order.created,
        "notifyUrl": order.notify_url,
        "customerIp": order.customer_ip,
        "merchantPosId": order.pos_id,
        "description": order.description,
        "currencyCode": order.currency,
        "totalAmount": str(order.total_amount),
        "buyer": order.buyer,
        "products": order.products,
        "status": status or order.status,
    }
    if not order.ext_order_id:
        del document["extOrderId"]
    if order.payment_id:
        document["payMethod"] = {"type": "PBL"}
    return document


def notification_body(order: state.Order, status: str) -> bytes:
    body: dict = {"order": order_document(order, status)}
    if status == "COMPLETED":
        body["localReceiptDateTime"] = timezone.localtime().isoformat(timespec="milliseconds")
    if order.payment_id:
        body["properties"] = [{"name": "PAYMENT_ID", "value": order.payment_id}]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature_header(body: bytes, second_key: str, algorithm: str) -> str:
    signature = signature_of(body, second_key, algorithm)
    return f"sender=checkout;signature={signature};algorithm={algorithm};content=DOCUMENT"


def deliver(order_id: str, status: str) -> int:
    """Send the notification of ``status`` once; returns the shop's HTTP status (0 when
    it could not be reached). Anything but 200 puts it back in the queue."""
    order = state.get(order_id)
    if order is None or not order.notify_url:
        return 0
    contract = local_contract(Gateway.PAYU, merchant_id=order.pos_id)
    if contract is None:
        return 0
    body = notification_body(order, status)
    header = signature_header(body, contract.second_key, order.algorithm)
    headers = {"Content-Type": "application/json;charset=UTF-8"}
    headers.update({name: header for name in HEADER_NAMES})
    try:
        answer_status, answer = outbound.post(order.notify_url, body, headers)
    except OSError as error:
        logger.warning("PayU simulator could not notify %s: %s", order.notify_url, error)
        answer_status, answer = 0, str(error).encode()
    order = state.get(order_id) or order
    order.notifications_sent += 1
    order.last_delivery = f"{status}: {answer_status} {answer[:200].decode(errors='replace')}"
    state.put(order)
    if answer_status != 200:
        state.queue(order_id, status)
    return answer_status


def deliver_pending() -> int:
    """Send every held-back or failed notification, oldest first; returns how many the
    shop accepted (HTTP 200). The others stay queued."""
    return sum(1 for order_id, status in state.claim_pending() if deliver(order_id, status) == 200)
