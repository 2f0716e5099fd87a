"""The simulated Przelewy24's transactions, in Redis (the cache database, under its own
prefix): never in a town's schema, as a real gateway's data is not ours either."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache

import redis
from django.conf import settings

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

PREFIX = "eurzad:p24-sim"
TTL_SECONDS = 7 * 24 * 3600


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


@lru_cache(maxsize=1)
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def put(transaction: Transaction) -> None:
    pipe = _redis().pipeline()
    pipe.set(f"{PREFIX}:trn:{transaction.token}", json.dumps(asdict(transaction)), ex=TTL_SECONDS)
    pipe.set(
        f"{PREFIX}:session:{transaction.merchant_id}:{transaction.session_id}",
        transaction.token,
        ex=TTL_SECONDS,
    )
    pipe.execute()


def get(token: str) -> Transaction | None:
    raw = _redis().get(f"{PREFIX}:trn:{token}")
    return Transaction(**json.loads(raw)) if raw else None


def get_by_session(merchant_id: int, session_id: str) -> Transaction | None:
    token = _redis().get(f"{PREFIX}:session:{merchant_id}:{session_id}")
    return get(token.decode()) if token else None


def next_order_id() -> int:
    return 300000000 + int(_redis().incr(f"{PREFIX}:order-id"))


def queue(token: str) -> None:
    """A notification to deliver later (the "late notification" scenario)."""
    _redis().rpush(f"{PREFIX}:pending", token)


def pending() -> list[Transaction]:
    tokens = [t.decode() for t in _redis().lrange(f"{PREFIX}:pending", 0, -1)]
    return [t for t in (get(token) for token in tokens) if t is not None]


def claim_pending() -> list[str]:
    """Take every queued token, atomically, so two senders never deliver one twice."""
    pipe = _redis().pipeline()
    pipe.lrange(f"{PREFIX}:pending", 0, -1)
    pipe.delete(f"{PREFIX}:pending")
    tokens, _deleted = pipe.execute()
    return [t.decode() for t in tokens]
