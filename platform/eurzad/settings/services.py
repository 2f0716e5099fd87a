"""Derive database, cache and Celery settings from DATABASE_URL and REDIS_URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

import dj_database_url

#: psycopg's default: a statement a connection runs this many times is prepared.
PREPARE_THRESHOLD = 5


def apply_service_settings(namespace: dict[str, Any], *, redis_db_base: int | None = None) -> None:
    """Derive DATABASES, CACHES and Celery URLs in a settings module's namespace from its
    DATABASE_URL and REDIS_URL (tests pass ``redis_db_base`` to use their own databases)."""
    if redis_db_base is None:
        dbs = (
            namespace["REDIS_CACHE_DB"],
            namespace["REDIS_BROKER_DB"],
            namespace["REDIS_RESULTS_DB"],
        )
    else:
        dbs = (redis_db_base, redis_db_base + 1, redis_db_base + 2)
    namespace.update(
        service_settings(
            namespace["DATABASE_URL"],
            namespace["REDIS_URL"],
            conn_max_age=namespace["DATABASE_CONN_MAX_AGE"],
            prepared_statements=namespace.get("DATABASE_PREPARED_STATEMENTS", True),
            cache_db=dbs[0],
            broker_db=dbs[1],
            results_db=dbs[2],
            sentinels=namespace.get("REDIS_SENTINELS", ""),
            sentinel_master=namespace.get("REDIS_SENTINEL_MASTER", ""),
            sentinel_password=namespace.get("REDIS_SENTINEL_PASSWORD", ""),
            redis_timeout_ms=namespace.get("REDIS_TIMEOUT_MS", 250),
            visibility_timeout=namespace.get("CELERY_VISIBILITY_TIMEOUT", 900),
            restore_unacked_seconds=namespace.get("CELERY_RESTORE_UNACKED_SECONDS", 10),
        )
    )


def service_settings(
    database_url: str,
    redis_url: str,
    *,
    conn_max_age: int,
    cache_db: int,
    broker_db: int,
    results_db: int,
    sentinels: str = "",
    sentinel_master: str = "",
    sentinel_password: str = "",
    prepared_statements: bool = True,
    redis_timeout_ms: int = 250,
    visibility_timeout: int = 900,
    restore_unacked_seconds: int = 10,
) -> dict[str, Any]:
    database = dj_database_url.parse(database_url, conn_max_age=conn_max_age)
    # django-tenants' backend with catalog lookups that scale to thousands of schemas.
    database["ENGINE"] = "eurzad.core.postgresql"
    database.setdefault("OPTIONS", {})
    if prepared_statements:
        # Parameters bound by the server, and psycopg's prepared statements (after
        # PREPARE_THRESHOLD runs): PostgreSQL plans a resident page's statements once per
        # connection, not on every request. A plan follows the connection's search_path
        # (PostgreSQL parses the statement again when it changes), so one connection may
        # serve every town. docs/operators/configuration.md
        database["OPTIONS"].update(server_side_binding=True, prepare_threshold=PREPARE_THRESHOLD)
    database["CONN_HEALTH_CHECKS"] = True
    base = redis_url.rstrip("/")
    # Short timeouts: a hung Redis costs a fraction of a second, once per breaker period
    # (eurzad.core.redis_breaker), not seconds on every call.
    timeouts = {
        "socket_timeout": redis_timeout_ms / 1000,
        "socket_connect_timeout": redis_timeout_ms / 1000,
    }
    settings = {
        "DATABASES": {"default": database},
        "CACHES": {
            "default": {
                "BACKEND": "eurzad.core.resilient_cache.ResilientRedisCache",
                "LOCATION": f"{base}/{cache_db}",
                "KEY_FUNCTION": "django_tenants.cache.make_key",
                "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
                "TIMEOUT": 300,
                "OPTIONS": timeouts,
            }
        },
        "CELERY_BROKER_URL": f"{base}/{broker_db}",
        "CELERY_RESULT_BACKEND": f"{base}/{results_db}",
        # A web process handing a task over must not hang on a hung Redis: the outbox
        # keeps what could not be handed over (eurzad.core.outbox).
        "CELERY_BROKER_CONNECTION_TIMEOUT": max(redis_timeout_ms / 1000, 1.0),
        "CELERY_REDIS_SOCKET_TIMEOUT": max(redis_timeout_ms / 1000, 1.0),
        "CELERY_REDIS_SOCKET_CONNECT_TIMEOUT": max(redis_timeout_ms / 1000, 1.0),
        "CELERY_BROKER_TRANSPORT_OPTIONS": {
            "visibility_timeout": visibility_timeout,
            # Every worker sweeps for tasks of a killed worker this often (kombu's default
            # is ten times slower: a sweep on every tenth tick).
            "unacked_restore_interval": restore_unacked_seconds,
            "unacked_restore_throttle": 1,
            "socket_timeout": max(redis_timeout_ms / 1000, 1.0),
            "socket_connect_timeout": max(redis_timeout_ms / 1000, 1.0),
        },
    }
    if sentinels:
        return {**settings, **sentinel_settings(
            redis_url, sentinels, sentinel_master, sentinel_password,
            cache_db=cache_db, broker_db=broker_db, results_db=results_db, timeouts=timeouts,
            visibility_timeout=visibility_timeout, restore_unacked_seconds=restore_unacked_seconds,
        )}  # fmt: skip
    return settings


def parse_sentinels(value: str) -> list[tuple[str, int]]:
    """``"s1:26379,s2:26379"`` → ``[("s1", 26379), ("s2", 26379)]``."""
    hosts = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"REDIS_SENTINELS: expected host:port, got {item!r}")
        hosts.append((host, int(port)))
    return hosts


def sentinel_settings(redis_url: str, sentinels: str, master: str, sentinel_password: str, *,
                      cache_db: int, broker_db: int, results_db: int,
                      timeouts: dict[str, float] | None = None,
                      visibility_timeout: int = 900,
                      restore_unacked_seconds: int = 10) -> dict[str, Any]:  # fmt: skip
    """Cache and Celery through Redis Sentinel; ``redis_url`` only carries the password of
    the Redis servers (``redis://:password@ignored``), if they have one."""
    if not master:
        raise ValueError("REDIS_SENTINEL_MASTER must name the master when REDIS_SENTINELS is set")
    password = unquote(urlsplit(redis_url).password or "") if redis_url else ""
    hosts = parse_sentinels(sentinels)
    auth = f":{quote(password, safe='')}@" if password else ""
    urls = ";".join(f"sentinel://{auth}{host}:{port}" for host, port in hosts)
    transport = {"master_name": master, "sentinel_kwargs": {"password": sentinel_password or None}}
    return {
        "CACHES": {
            "default": {
                "BACKEND": "eurzad.core.redis_sentinel.SentinelRedisCache",
                "LOCATION": f"sentinel://{sentinels}",
                "KEY_FUNCTION": "django_tenants.cache.make_key",
                "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
                "TIMEOUT": 300,
                "OPTIONS": {
                    "sentinels": sentinels,
                    "master": master,
                    "db": cache_db,
                    "password": password,
                    "sentinel_password": sentinel_password,
                    **(timeouts or {}),
                },
            }
        },
        "CELERY_BROKER_URL": urls,
        "CELERY_BROKER_TRANSPORT_OPTIONS": {
            **transport,
            "db": broker_db,
            "visibility_timeout": visibility_timeout,
            "unacked_restore_interval": restore_unacked_seconds,
            "unacked_restore_throttle": 1,
        },
        "CELERY_RESULT_BACKEND": urls,
        "CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS": {**transport, "db": results_db},
    }


def email_settings(email_url: str) -> dict[str, Any]:
    """``smtp://user:pass@host:587`` → Django's EMAIL_* settings."""
    parts = urlsplit(email_url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError("EMAIL_URL must look like smtp://user:password@host:587")
    secure = parts.scheme == "smtps"
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if secure else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": secure,
        "EMAIL_USE_TLS": not secure,
    }
