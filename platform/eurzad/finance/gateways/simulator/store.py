"""Where the payment simulators keep what a real gateway would keep on its own servers:
Redis (the cache database, each simulator under its own prefix), never a town's schema,
as a real gateway's data is not ours either."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import redis
from django.conf import settings

from eurzad.core.redis_values import decoded

__all__ = ["SimulatorStore"]

TTL_SECONDS = 7 * 24 * 3600


@lru_cache(maxsize=1)
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


class SimulatorStore:
    """JSON records, name → value links, counters and a queue, under one prefix."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def _key(self, *parts: object) -> str:
        return ":".join([self.prefix, *(str(part) for part in parts)])

    def put(self, kind: str, key: str, record: dict[str, Any], ttl: int = TTL_SECONDS) -> None:
        _redis().set(self._key(kind, key), json.dumps(record), ex=ttl)

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        raw = _redis().get(self._key(kind, key))
        return json.loads(raw) if raw else None

    def link(self, kind: str, key: str, value: str, ttl: int = TTL_SECONDS) -> None:
        _redis().set(self._key(kind, key), value, ex=ttl)

    def linked(self, kind: str, key: str) -> str | None:
        raw = _redis().get(self._key(kind, key))
        return decoded(raw) if raw else None

    def link_once(self, kind: str, key: str, value: str, ttl: int = TTL_SECONDS) -> bool:
        """Link ``key`` to ``value`` unless it is linked already; True if it was not."""
        return bool(_redis().set(self._key(kind, key), value, ex=ttl, nx=True))

    def next_number(self, name: str) -> int:
        return int(_redis().incr(self._key(name)))

    def enqueue(self, name: str, *items: str) -> None:
        if items:
            _redis().rpush(self._key(name), *items)

    def queued(self, name: str) -> list[str]:
        return [decoded(item) for item in _redis().lrange(self._key(name), 0, -1)]

    def claim(self, name: str) -> list[str]:
        """Take every queued item, atomically, so two senders never deliver one twice."""
        pipe = _redis().pipeline()
        pipe.lrange(self._key(name), 0, -1)
        pipe.delete(self._key(name))
        items, _deleted = pipe.execute()
        return [item.decode() for item in items]
