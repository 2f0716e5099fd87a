"""Host name → municipality, cached in-process.

Stock django-tenants queries the domain table on every request. Here each process keeps
the answer (including "no such host") and drops its cache when a domain or municipality
changes: at once in the process that made the change, and within
``TENANT_ROUTING_RECHECK_SECONDS`` in every other process, which compares a version
number kept in Redis. While Redis is unreachable each process keeps serving the hosts it
knows (a host added meanwhile is looked up in the database; a change made meanwhile is
seen when Redis is back), without waiting for Redis more than once per breaker period.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any, cast

import redis
from django.conf import settings
from django.core.cache import caches

from eurzad.core.models import PendingCacheInvalidation
from eurzad.core.postgresql.connection import connection
from eurzad.core.redis_breaker import redis_breaker
from tenants.models import Domain, Municipality

logger = logging.getLogger(__name__)

VERSION_KEY = "eurzad:tenant-routing:version"
MAX_ENTRIES = 20_000
_MISSING = object()


class RoutingCache:
    def __init__(self, recheck_seconds: float) -> None:
        self.recheck_seconds = recheck_seconds
        self._entries: OrderedDict[str, Municipality | None] = OrderedDict()
        self._lock = threading.Lock()
        self._version: bytes | str | None = None
        self._checked_at = 0.0

    @property
    def _redis(self) -> redis.Redis:
        # The cache's own client: its pool, its short timeouts, Sentinel when configured.
        backend: Any = caches["default"]
        return cast("redis.Redis", backend._cache.get_client(write=True))

    def municipality_for(self, hostname: str) -> Municipality | None:
        self._recheck()
        entry = self._entries.get(hostname, _MISSING)
        if entry is _MISSING:
            entry = self._load(hostname)
            with self._lock:
                self._entries[hostname] = entry
                if len(self._entries) > MAX_ENTRIES:
                    self._entries.popitem(last=False)
        return cast("Municipality | None", entry)  # not _MISSING: loaded above

    def _load(self, hostname: str) -> Municipality | None:
        connection.set_schema_to_public()  # domains live in the public schema only
        domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
        return domain.tenant if domain else None

    def _recheck(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.recheck_seconds:
            return
        self._checked_at = now
        if not redis_breaker.allows("routing"):
            return  # keep serving the hosts known
        try:
            version = self._redis.get(VERSION_KEY)
        except (redis.RedisError, OSError) as error:
            redis_breaker.failed("routing", error)
            return
        redis_breaker.succeeded()
        if version != self._version:
            self.clear()
            self._version = version

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def reset(self) -> None:
        """Forget the hosts and the version last seen, as a new process starts (tests:
        after Redis was emptied, the next check must not find a "change" to act on in
        the middle of whatever request it falls in)."""
        with self._lock:
            self._entries.clear()
            self._version = None
            self._checked_at = 0.0

    def invalidate(self) -> None:
        """Forget every cached host here and tell the other processes to do the same."""
        self.clear()
        try:
            self._version = str(self._redis.incr(VERSION_KEY)).encode()
        except (redis.RedisError, OSError) as error:
            redis_breaker.failed("routing", error)
            logger.warning(
                "Tenant routing change not published: Redis unreachable; "
                "it will be when Redis is back"
            )
            PendingCacheInvalidation.objects.get_or_create(
                key=VERSION_KEY, action=PendingCacheInvalidation.Action.BUMP
            )


routing_cache = RoutingCache(settings.TENANT_ROUTING_RECHECK_SECONDS)
