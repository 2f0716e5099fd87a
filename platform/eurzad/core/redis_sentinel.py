"""Redis behind Sentinel (high availability): the cache asks the Sentinels for the current
master on every new connection, so a failover needs no restart.

Enabled by ``REDIS_SENTINELS`` (``host:port`` list) and ``REDIS_SENTINEL_MASTER``; the
database numbers stay those of ``REDIS_*_DB``. Celery gets ``sentinel://`` URLs (see
:func:`eurzad.settings.services.service_settings`)."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.sentinel import Sentinel

from eurzad.core.resilient_cache import ResilientCacheMixin
from eurzad.settings.services import parse_sentinels


class SentinelCacheClient(RedisCacheClient):
    def __init__(self, servers: list[str], *, sentinels: str, master: str, db: int = 0,
                 password: str = "", sentinel_password: str = "",
                 **options: Any) -> None:  # fmt: skip
        super().__init__(servers, **options)
        timeouts: dict[str, Any] = {
            name: options[name]
            for name in ("socket_timeout", "socket_connect_timeout")
            if name in options
        }
        self._sentinel = Sentinel(
            parse_sentinels(sentinels),
            sentinel_kwargs={"password": sentinel_password or None, **timeouts},
            password=password or None,
            db=db,
            **timeouts,
        )
        self._master = master

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # master_for() resolves the master through the Sentinels and reconnects after a
        # failover; reads go to the master too, so a read never sees a stale replica.
        return self._sentinel.master_for(self._master)


class SentinelRedisCache(ResilientCacheMixin, RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` through Redis Sentinel, answering
    without Redis when neither it nor the Sentinels answer (eurzad.core.resilient_cache)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SentinelCacheClient
