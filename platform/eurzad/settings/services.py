"""Derive database, cache and Celery settings from DATABASE_URL and REDIS_URL."""

from __future__ import annotations

from typing import Any

import dj_database_url


def service_settings(
    database_url: str,
    redis_url: str,
    *,
    conn_max_age: int,
    cache_db: int,
    broker_db: int,
    results_db: int,
) -> dict[str, Any]:
    database = dj_database_url.parse(database_url, conn_max_age=conn_max_age)
    database["ENGINE"] = "django_tenants.postgresql_backend"
    database.setdefault("OPTIONS", {})
    database["CONN_HEALTH_CHECKS"] = True
    base = redis_url.rstrip("/")
    return {
        "DATABASES": {"default": database},
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"{base}/{cache_db}",
                "KEY_FUNCTION": "django_tenants.cache.make_key",
                "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
                "TIMEOUT": 300,
            }
        },
        "CELERY_BROKER_URL": f"{base}/{broker_db}",
        "CELERY_RESULT_BACKEND": f"{base}/{results_db}",
    }
