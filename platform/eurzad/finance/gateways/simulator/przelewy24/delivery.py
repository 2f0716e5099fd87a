"""The simulator posts signed status notifications to the shop's urlStatus, as
Przelewy24 does once a payment is made."""

from __future__ import annotations

import json
import logging

from eurzad.finance.gateways.contrib.przelewy24.signing import notification_sign
from eurzad.finance.gateways.simulator import outbound
from eurzad.finance.gateways.simulator.przelewy24 import state
from eurzad.finance.gateways.simulator.przelewy24.merchants import merchant

__all__ = ["deliver", "deliver_pending", "notification_body"]

logger = logging.getLogger(__name__)


def notification_body(transaction: state.Transaction, crc: str) -> dict:
    fields = {
        "merchantId": transaction.merchant_id,
        "posId": transaction.pos_id,
        "sessionId": transaction.session_id,
        "amount": transaction.amount,
        "originAmount": transaction.amount,
        "currency": transaction.currency,
        "orderId": transaction.order_id,
        "methodId": transaction.method_id,
        "statement": transaction.statement,
    }
    fields["sign"] = notification_sign(
        merchant_id=transaction.merchant_id,
        pos_id=transaction.pos_id,
        session_id=transaction.session_id,
        amount=transaction.amount,
        origin_amount=transaction.amount,
        currency=transaction.currency,
        order_id=transaction.order_id,
        method_id=transaction.method_id,
        statement=transaction.statement,
        crc=crc,
    )
    return fields


def deliver(token: str) -> int:
    """Send the transaction's notification once; returns the shop's HTTP status (0 when
    it could not be reached)."""
    transaction = state.get(token)
    if transaction is None or transaction.status != "paid":
        return 0
    shop = merchant(transaction.merchant_id)
    if shop is None:
        return 0
    body = json.dumps(notification_body(transaction, shop.crc)).encode()
    try:
        status, answer = outbound.post(
            transaction.url_status, body, {"Content-Type": "application/json"}
        )
    except OSError as error:
        logger.warning("Simulator could not notify %s: %s", transaction.url_status, error)
        status, answer = 0, str(error).encode()
    transaction = state.get(token) or transaction  # verify may have run meanwhile
    transaction.notifications_sent += 1
    transaction.last_delivery = f"{status} {answer[:200].decode(errors='replace')}"
    state.put(transaction)
    return status


def deliver_pending() -> int:
    """Deliver every notification held back; returns how many were sent."""
    return sum(1 for token in state.claim_pending() if deliver(token))
