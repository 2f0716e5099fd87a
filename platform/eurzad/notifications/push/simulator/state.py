"""The stand-in's memory, in Redis under its own prefix (never in a town's schema: a
real push service's data is not ours either): recorded deliveries per town, gone
subscriptions and tokens, the keys it issued, access tokens and injected failures."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import redis
from django.conf import settings

from eurzad.core.postgresql.connection import connection

PREFIX = "eurzad:push-sim"
KEEP_DELIVERIES = 1000
TTL_SECONDS = 7 * 24 * 3600


@lru_cache(maxsize=1)
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def _town(schema: str | None = None) -> str:
    return schema or connection.schema_name


def record(delivery: dict[str, Any], schema: str | None = None) -> None:
    key = f"{PREFIX}:{_town(schema)}:deliveries"
    pipe = _redis().pipeline()
    pipe.lpush(key, json.dumps(delivery))
    pipe.ltrim(key, 0, KEEP_DELIVERIES - 1)
    pipe.expire(key, TTL_SECONDS)
    pipe.execute()


def deliveries(schema: str | None = None) -> list[dict[str, Any]]:
    """Recorded deliveries of the town, newest first."""
    return [json.loads(raw) for raw in _redis().lrange(f"{PREFIX}:{_town(schema)}:deliveries",
                                                          0, -1)]  # fmt: skip


def clear(schema: str | None = None) -> None:
    _redis().delete(f"{PREFIX}:{_town(schema)}:deliveries")


def mark_gone(kind: str, target: str) -> None:
    """The browser unsubscribed / the app was uninstalled: the service answers gone."""
    _redis().sadd(f"{PREFIX}:gone:{kind}", target)


def is_gone(kind: str, target: str) -> bool:
    return bool(_redis().sismember(f"{PREFIX}:gone:{kind}", target))


def fail_next(kind: str, target: str, *, status: int, times: int = 1,
              retry_after: int | None = None) -> None:  # fmt: skip
    """Answer the next ``times`` requests for ``target`` with ``status`` (an outage)."""
    _redis().set(
        f"{PREFIX}:fail:{kind}:{target}",
        json.dumps({"status": status, "times": times, "retry_after": retry_after}),
        ex=3600,
    )


def injected_failure(kind: str, target: str) -> dict[str, Any] | None:
    key = f"{PREFIX}:fail:{kind}:{target}"
    raw = _redis().get(key)
    if not raw:
        return None
    failure = json.loads(raw)
    if failure["times"] <= 1:
        _redis().delete(key)
    else:
        _redis().set(key, json.dumps({**failure, "times": failure["times"] - 1}), ex=3600)
    return failure


def remember_key(kind: str, key_id: str, public_pem: str, owner: str) -> None:
    """A key the stand-in issued (an FCM service account, an APNs .p8 key)."""
    _redis().set(f"{PREFIX}:key:{kind}:{key_id}", json.dumps({"pem": public_pem, "owner": owner}))


def known_key(kind: str, key_id: str) -> dict[str, str] | None:
    raw = _redis().get(f"{PREFIX}:key:{kind}:{key_id}")
    return json.loads(raw) if raw else None


def remember_access_token(token: str, grant: dict[str, Any], seconds: int) -> None:
    _redis().set(f"{PREFIX}:access:{token}", json.dumps(grant), ex=seconds)


def access_grant(token: str) -> dict[str, Any] | None:
    raw = _redis().get(f"{PREFIX}:access:{token}")
    return json.loads(raw) if raw else None
