"""The simulated PayU's OAuth tokens and orders (see simulator.store)."""

from __future__ import annotations

import secrets
import string
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from eurzad.finance.gateways.simulator.store import SimulatorStore

__all__ = [
    "TOKEN_SECONDS",
    "Order",
    "claim_pending",
    "get",
    "issue_token",
    "new_order_id",
    "pending",
    "pos_of_token",
    "put",
    "queue",
    "reserve_ext_order_id",
]

store = SimulatorStore("eurzad:payu-sim")
PENDING = "pending"
# PayU's documented sample token lives 43199 s (12 hours less a second).
TOKEN_SECONDS = 43199


@dataclass
class Order:
    order_id: str
    pos_id: str
    ext_order_id: str
    notify_url: str
    continue_url: str
    customer_ip: str
    description: str
    currency: str
    total_amount: int
    buyer: dict = field(default_factory=dict)
    products: list = field(default_factory=list)
    created: str = ""
    page_token: str = ""
    # NEW → PENDING → COMPLETED | CANCELED | WAITING_FOR_CONFIRMATION
    status: str = "NEW"
    payment_id: str = ""
    algorithm: str = "MD5"
    notifications_sent: int = 0
    last_delivery: str = ""


def issue_token(pos_id: str) -> str:
    token = secrets.token_hex(16)
    store.link("token", token, pos_id, ttl=TOKEN_SECONDS)
    return token


def pos_of_token(token: str) -> str | None:
    return store.linked("token", token) if token else None


def new_order_id() -> str:
    """An id shaped like PayU's (``LDLW5N7MF4140324GUEST000P01``): ten letters and digits,
    the date (yymmdd), then ``GUEST000P01``."""
    alphabet = string.ascii_uppercase + string.digits
    prefix = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{prefix}{timezone.localdate():%y%m%d}GUEST000P01"


def reserve_ext_order_id(pos_id: str, ext_order_id: str, order_id: str) -> str | None:
    """Bind the shop's extOrderId to the order; the order already holding it, if any."""
    if store.link_once("ext", f"{pos_id}:{ext_order_id}", order_id):
        return None
    return store.linked("ext", f"{pos_id}:{ext_order_id}")


def put(order: Order) -> None:
    store.put("order", order.order_id, asdict(order))


def get(order_id: str) -> Order | None:
    record = store.get("order", order_id)
    return Order(**record) if record else None


def queue(order_id: str, *statuses: str) -> None:
    """Notifications to deliver later, one per status, in order."""
    store.enqueue(PENDING, *(f"{order_id}:{status}" for status in statuses))


def pending() -> list[tuple[Order, str]]:
    held = []
    for item in store.queued(PENDING):
        order_id, _sep, status = item.partition(":")
        order = get(order_id)
        if order is not None:
            held.append((order, status))
    return held


def _split(item: str) -> tuple[str, str, str]:
    return item.partition(":")


def claim_pending() -> list[tuple[str, str]]:
    """Take every queued notification, atomically, so two senders never send one twice."""
    return [(order_id, status) for order_id, _sep, status in map(_split, store.claim(PENDING))]
