"""Readiness checks: can this process serve requests right now?"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def _database() -> bool:
    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.exception("readiness: database check failed")
        return False


def _redis() -> bool:
    try:
        cache.set("readiness-probe", "1", 5)
        return cache.get("readiness-probe") == "1"
    except Exception:
        logger.exception("readiness: Redis check failed")
        return False


def readiness() -> dict[str, bool]:
    return {"database": _database(), "redis": _redis()}
