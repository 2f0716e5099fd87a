"""The simulated Przelewy24's transactions (see simulator.store)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from eurzad.finance.gateways.simulator.store import SimulatorStore

__all__ = [
    "Transaction",
    "claim_pending",
    "get",
    "get_by_session",
    "next_order_id",
    "pending",
    "put",
    "queue",
]

store = SimulatorStore("eurzad:p24-sim")
PENDING = "pending"


@dataclass
class Transaction:
    token: str
    merchant_id: int
    pos_id: int
    session_id: str
    amount: int
    currency: str
    description: str
    email: str
    url_return: str
    url_status: str
    # registered → paid (→ verified) | refused | abandoned
    status: str = "registered"
    order_id: int = 0
    method_id: int = 0
    statement: str = ""
    verified: bool = False
    notifications_sent: int = 0
    last_delivery: str = ""


def put(transaction: Transaction) -> None:
    store.put("trn", transaction.token, asdict(transaction))
    store.link("session", f"{transaction.merchant_id}:{transaction.session_id}", transaction.token)


def get(token: str) -> Transaction | None:
    record = store.get("trn", token)
    return Transaction(**record) if record else None


def get_by_session(merchant_id: int, session_id: str) -> Transaction | None:
    token = store.linked("session", f"{merchant_id}:{session_id}")
    return get(token) if token else None


def next_order_id() -> int:
    return 300000000 + store.next_number("order-id")


def queue(token: str) -> None:
    """A notification to deliver later (the "late notification" scenario)."""
    store.enqueue(PENDING, token)


def pending() -> list[Transaction]:
    return [t for t in (get(token) for token in store.queued(PENDING)) if t is not None]


def claim_pending() -> list[str]:
    """Take every queued token, atomically, so two senders never deliver one twice."""
    return store.claim(PENDING)
