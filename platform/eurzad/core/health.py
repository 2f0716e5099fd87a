"""Readiness checks: can this process serve requests right now?

Database and migrations: none left to apply in the public schema and every active
town at the target state. Redis is reported, ``ok`` or ``degraded``, but does not make
a process unready: without it pages are rendered from the database. The migration answer is kept for
``READINESS_MIGRATIONS_CACHE_SECONDS`` in this process: building the migration graph
costs tens of milliseconds and the probe runs every few seconds in every pod.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db.migrations.executor import MigrationExecutor

from eurzad.core.postgresql.connection import connection

logger = logging.getLogger(__name__)

_migrations_lock = threading.Lock()
_migrations_answer: tuple[float, bool] | None = None


def _database() -> bool:
    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.exception("readiness: database check failed")
        return False


def _redis() -> str:
    """``ok``, or ``degraded``: pages are served without Redis (from the database, with
    no shared cache) while it is unreachable, so the process stays ready."""
    ping = getattr(cache, "ping", None)
    try:
        ok = ping() if ping is not None else cache.get("readiness-probe", "1") is not None
    except Exception:
        logger.exception("readiness: Redis check failed")
        ok = False
    return "ok" if ok else "degraded"


def public_schema_migrated() -> bool:
    """True when the public schema has no migration left to apply."""
    connection.set_schema_to_public()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        logger.warning(
            "readiness: %d migration(s) not applied in the public schema, first %s",
            len(plan),
            plan[0][0],
        )
    return not plan


def towns_migrated() -> bool:
    """Every active town at the target migration state.

    Hook: ``tenants.migration_state.all_towns_migrated()`` answers it; until that module
    exists, only the public schema is checked.
    """
    try:
        module = importlib.import_module("tenants.migration_state")
    except ModuleNotFoundError:
        return True
    checker = getattr(module, "all_towns_migrated", None)
    if checker is None:
        return True
    return bool(checker())


def _migrations() -> bool:
    global _migrations_answer
    ttl = settings.READINESS_MIGRATIONS_CACHE_SECONDS
    now = time.monotonic()
    answer = _migrations_answer
    if answer is not None and now - answer[0] < ttl:
        return answer[1]
    with _migrations_lock:
        try:
            ok = public_schema_migrated() and towns_migrated()
        except Exception:
            logger.exception("readiness: migration check failed")
            ok = False
        finally:
            connection.set_schema_to_public()
        _migrations_answer = (time.monotonic(), ok)
    return ok


def forget_migration_state() -> None:
    """Drop the cached migration answer (after migrating, and in tests)."""
    global _migrations_answer
    _migrations_answer = None


def readiness() -> dict[str, bool | str]:
    """Each check by name; the process is ready when none is false (Redis may be
    ``degraded``: it is a cache and a broker, not where pages come from). No personal
    data."""
    database = _database()
    return {
        "database": database,
        "redis": _redis(),
        # Without a database the migration state cannot be known.
        "migrations": database and _migrations(),
    }
