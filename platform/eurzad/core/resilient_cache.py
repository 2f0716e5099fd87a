"""Django's Redis cache that answers without Redis when Redis cannot answer.

Every call goes through the process's circuit breaker (:mod:`eurzad.core.redis_breaker`)
with short socket timeouts: while Redis is unreachable a read is a miss, a write is
skipped, a counter answers as if it had just started (rate limits open; the ones that
must close ask :func:`cache_available` first). A key written, deleted or bumped during
the outage is recorded in the database and repaired when Redis is back, by whichever
process reaches it first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import redis
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError

from eurzad.core.redis_breaker import on_recovery, redis_breaker

logger = logging.getLogger(__name__)

T = TypeVar("T")
#: What a counter's key moves on by when it was bumped during an outage: far past any
#: value it held, so no page stored under an earlier generation matches again.
BUMP = 1_000_000
#: Keys remembered per process (not written twice to the database); beyond, every
#: skipped write is written (the database ignores repeats).
REMEMBERED_KEYS = 10_000
REPAIR_BATCH = 1_000
REDIS_ERRORS = (redis.RedisError, OSError)


def cache_available() -> bool:
    """False while this process answers without Redis: a caller that must fail closed
    (a limit on PIN guesses) asks first."""
    return not redis_breaker.is_open


class ResilientCacheMixin:
    """For a subclass of :class:`django.core.cache.backends.redis.RedisCache`."""

    _cache: Any
    make_and_validate_key: Callable[..., str]
    get_backend_timeout: Callable[..., Any]

    _remembered: set[tuple[str, str]] = set()
    _remembered_lock = threading.Lock()

    # --- the breaker around each call ---------------------------------------------------
    def _guarded(
        self,
        operation: str,
        call: Callable[[], T],
        fallback: T,
        written: Iterable[str] = (),
        action: str = "delete",
    ) -> T:
        if not redis_breaker.allows(operation):
            self._remember(written, action)
            return fallback
        try:
            result = call()
        except REDIS_ERRORS as error:
            redis_breaker.failed(operation, error)
            self._remember(written, action)
            return fallback
        redis_breaker.succeeded()  # back from an outage: the recovery hooks repair
        return result

    def _remember(self, keys: Iterable[str], action: str) -> None:
        from eurzad.core.models import PendingCacheInvalidation

        with self._remembered_lock:
            new = [key for key in keys if (key, action) not in self._remembered]
            if len(self._remembered) < REMEMBERED_KEYS:
                self._remembered.update((key, action) for key in new)
        if not new:
            return
        try:
            PendingCacheInvalidation.objects.bulk_create(
                [PendingCacheInvalidation(key=key[:250], action=action) for key in new],
                ignore_conflicts=True,
            )
        except DatabaseError:
            logger.exception("Could not record %d cache key(s) to repair after Redis", len(new))

    def repair(self) -> int:
        """Delete or bump every key recorded during an outage; how many were repaired."""
        from eurzad.core.models import PendingCacheInvalidation

        repaired = 0
        try:
            client = self._cache.get_client(write=True)
            while pending := list(
                PendingCacheInvalidation.objects.order_by("pk").values_list("pk", "key", "action")[
                    :REPAIR_BATCH
                ]
            ):
                deleted = [key for _, key, action in pending if action == "delete"]
                if deleted:
                    client.delete(*deleted)
                for _, key, action in pending:
                    if action == "bump":
                        client.incrby(key, BUMP)
                PendingCacheInvalidation.objects.filter(pk__in=[pk for pk, *_ in pending]).delete()
                repaired += len(pending)
        except REDIS_ERRORS as error:
            redis_breaker.failed("repair", error)
        except DatabaseError:
            logger.exception("Could not read the cache keys to repair after Redis")
        with self._remembered_lock:
            self._remembered.clear()
        if repaired:
            logger.warning("Repaired %d cache key(s) changed while Redis was away", repaired)
        return repaired

    def ping(self) -> bool:
        """Does Redis answer now? Without waiting for it while the breaker is open."""
        return self._guarded("ping", lambda: bool(self._cache.get_client().ping()), False)

    # --- Django's cache API -------------------------------------------------------------
    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._guarded(
            "add",
            lambda: self._cache.add(key, value, self.get_backend_timeout(timeout)),
            False,
            [key],
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._guarded("get", lambda: self._cache.get(key, default), default)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._guarded(
            "set",
            lambda: self._cache.set(key, value, self.get_backend_timeout(timeout)),
            None,
            [key],
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._guarded(
            "touch", lambda: self._cache.touch(key, self.get_backend_timeout(timeout)), False, [key]
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._guarded("delete", lambda: self._cache.delete(key), False, [key])

    def get_many(self, keys: Iterable[Any], version: Any = None) -> dict[Any, Any]:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        empty: dict[str, Any] = {}
        found = self._guarded("get_many", lambda: self._cache.get_many(key_map.keys()), empty)
        return {key_map[key]: value for key, value in found.items()}

    def has_key(self, key: Any, version: Any = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._guarded("has_key", lambda: self._cache.has_key(key), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        """Without Redis: ``delta``, as for a counter just started, and the key is bumped
        once Redis is back."""
        key = self.make_and_validate_key(key, version=version)
        return self._guarded("incr", lambda: self._cache.incr(key, delta), delta, [key], "bump")

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        if not data:
            return []
        safe = {
            self.make_and_validate_key(key, version=version): value for key, value in data.items()
        }
        self._guarded(
            "set_many",
            lambda: self._cache.set_many(safe, self.get_backend_timeout(timeout)),
            None,
            list(safe),
        )
        return []

    def delete_many(self, keys: Iterable[Any], version: Any = None) -> None:
        safe = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe:
            self._guarded("delete_many", lambda: self._cache.delete_many(safe), None, safe)


class ResilientRedisCache(ResilientCacheMixin, RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that keeps answering without Redis."""


def _repair_default_cache() -> None:
    backend = caches["default"]
    if isinstance(backend, ResilientCacheMixin):
        backend.repair()


on_recovery(_repair_default_cache)
