"""A circuit breaker in front of Redis, one per process.

Redis is a cache and a broker here, never the only place a page can come from. When a
call to it fails or times out (``REDIS_TIMEOUT_SECONDS``, a fraction of a second), the
breaker *opens*: for ``REDIS_BREAKER_OPEN_SECONDS`` no code of this process waits for
Redis again — cache reads are misses, writes are skipped, the page cache steps aside —
so a hung Redis costs one short timeout, not one per call. Then a single call is let
through to try; when it succeeds the breaker *closes* and what was missed is repaired:

- every cache key this process wrote, deleted or bumped while Redis was away is written
  down in the database (:class:`eurzad.core.models.PendingCacheInvalidation`, shared by
  every process), and the first process that reaches Redis again deletes those keys or
  bumps those counters — so no page cached before a publish, no session a resident
  logged out of, survives the outage;
- hooks registered with :func:`on_recovery` run (e.g. this process's in-memory pages
  are dropped).

Every fallback is counted in ``eurzad_redis_fallbacks_total`` by operation, and the
breaker's state is ``eurzad_redis_breaker_open``; ``/readyz`` reports Redis as
``degraded`` while it is open (docs/operators/resilience.md).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from prometheus_client import Counter, Gauge

logger = logging.getLogger(__name__)

FALLBACKS = Counter(
    "eurzad_redis_fallbacks",
    "Redis calls not made or failed, answered without Redis, by operation.",
    ["operation"],
)
FAILURES = Counter(
    "eurzad_redis_failures",
    "Calls that went to Redis and failed or timed out (each cost up to REDIS_TIMEOUT_MS), "
    "by operation.",
    ["operation"],
)
BREAKER_OPEN = Gauge(
    "eurzad_redis_breaker_open",
    "1 while this process answers without Redis (its circuit breaker is open).",
    multiprocess_mode="max",
)

_recovery_hooks: list[Callable[[], None]] = []


def on_recovery(hook: Callable[[], None]) -> None:
    """Run ``hook`` in this process each time Redis is reachable again after an outage."""
    _recovery_hooks.append(hook)


class RedisBreaker:
    """Closed (Redis is used), open (it is not, until ``retry_at``), or trying (one call
    is on its way to find out)."""

    def __init__(self, open_seconds: float) -> None:
        self.open_seconds = open_seconds
        self._lock = threading.Lock()
        self._open = False
        self._retry_at = 0.0

    @property
    def is_open(self) -> bool:
        return self._open

    def allows(self, operation: str) -> bool:
        """May this call go to Redis? Counts a fallback when it may not."""
        if not self._open:
            return True
        with self._lock:
            now = time.monotonic()
            if self._open and now >= self._retry_at:
                self._retry_at = now + self.open_seconds  # one trial per period
                return True
        FALLBACKS.labels(operation).inc()
        return False

    def failed(self, operation: str, error: BaseException) -> None:
        """A call to Redis failed: answer without it for a while."""
        FALLBACKS.labels(operation).inc()
        FAILURES.labels(operation).inc()
        with self._lock:
            was_open = self._open
            self._open = True
            self._retry_at = time.monotonic() + self.open_seconds
        BREAKER_OPEN.set(1)
        if not was_open:
            logger.warning(
                "Redis unreachable (%s: %s): answering without it for %.0f s",
                operation, type(error).__name__, self.open_seconds,
            )  # fmt: skip

    def succeeded(self) -> bool:
        """A call to Redis went through. True when this closed the breaker (the caller
        then repairs what was missed)."""
        if not self._open:
            return False
        with self._lock:
            if not self._open:
                return False
            self._open = False
        BREAKER_OPEN.set(0)
        logger.warning("Redis reachable again: caching resumes")
        for hook in _recovery_hooks:
            try:
                hook()
            except Exception:
                logger.exception("Redis recovery hook %r failed", hook)
        return True

    def reset(self) -> None:
        """Closed, as a new process starts (tests)."""
        with self._lock:
            self._open = False
            self._retry_at = 0.0
        BREAKER_OPEN.set(0)


redis_breaker = RedisBreaker(settings.REDIS_BREAKER_OPEN_SECONDS)
