"""A pool of spare, pre-migrated and pre-seeded schemas, so onboarding takes < 1 s.

Building a town's schema runs every migration (several seconds, more as the database
grows). The pool does that ahead of time, in the background (Celery, ``refill_pool``):
each spare ``spare_<random>`` is migrated the normal way and given the generic seed data
every town starts with (groups, default obligation kinds, registers, …: the ``seed`` of
every app's provisioning step, ``tenants.provisioning``). Onboarding then only renames a
spare to the town's schema inside the transaction that creates the municipality
(``take_spare``) and personalises it (``finish_provisioning``: names, host, branding).

Spares are invisible: no municipality routes to them, they are not towns. A spare is
handed out only when it is at the migration state of the running code; stale spares
(made before a deploy with new migrations) are dropped and rebuilt by ``refill_pool``.
"""

from __future__ import annotations

import logging
import secrets
import time

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django_tenants.utils import schema_context

from eurzad.core.postgresql.connection import connection
from tenants.migration_state import target_state
from tenants.models import SpareSchema
from tenants.provisioning import run_seed_steps

logger = logging.getLogger(__name__)

SPARE_PREFIX = "spare_"
_REFILL_LOCK = 0x6575_7A70  # pg advisory lock key: one refill at a time


def pool_size() -> int:
    return max(0, settings.TENANT_POOL_SIZE)


def ready_spares() -> int:
    """How many spares can be handed out now (at the current migration state)."""
    return SpareSchema.objects.filter(migration_state=target_state()).count()


def create_spare() -> SpareSchema:
    """Build one spare schema by the normal migration path and seed it (seconds)."""
    name = f"{SPARE_PREFIX}{secrets.token_hex(6)}"
    state = target_state()
    started = time.monotonic()
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{name}"')
    try:
        call_command("migrate_schemas", schema_name=name, interactive=False, verbosity=0)
        with schema_context(name), transaction.atomic():
            run_seed_steps()  # every app's town-independent seed
        connection.set_schema_to_public()
        spare = SpareSchema.objects.create(schema_name=name, migration_state=state)
    except Exception:
        logger.exception("Building spare schema %s failed; dropping it", name)
        drop_schema(name)
        raise
    logger.info("Spare schema %s ready in %.1f s", name, time.monotonic() - started)
    return spare


def drop_schema(name: str) -> None:
    if not name.startswith(SPARE_PREFIX):
        raise ValueError(f"Not a spare schema: {name}")
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    SpareSchema.objects.filter(schema_name=name).delete()


def discard_stale() -> list[str]:
    """Drop every spare not at the current migration state; return their names.

    Rebuilding is as fast as migrating them and cannot leave a half-migrated spare.
    """
    stale = list(
        SpareSchema.objects.exclude(migration_state=target_state()).values_list(
            "schema_name", flat=True
        )
    )
    for name in stale:
        drop_schema(name)
        logger.info("Dropped stale spare schema %s", name)
    return stale


def refill_pool(size: int | None = None) -> int:
    """Discard stale spares and build new ones up to ``size`` (``POOL_SIZE``).

    Returns how many were built. Only one refill runs at a time (an advisory lock);
    another one returns 0 at once.
    """
    wanted = pool_size() if size is None else size
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_REFILL_LOCK])
        if not cursor.fetchone()[0]:
            return 0
    try:
        discard_stale()
        built = 0
        while ready_spares() < wanted:
            create_spare()
            built += 1
        return built
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_REFILL_LOCK])


def take_spare(schema_name: str) -> bool:
    """Rename a ready spare to ``schema_name``; call inside the onboarding transaction.

    Returns False (and changes nothing) when no spare at the current migration state
    is available. The spare's row is locked (SKIP LOCKED) so two onboardings never
    take the same spare; if the transaction rolls back, the spare is back in the pool.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("take_spare must run inside the onboarding transaction")
    spare = (
        SpareSchema.objects.select_for_update(skip_locked=True)
        .filter(migration_state=target_state())
        .order_by("created_at", "pk")
        .first()
    )
    if spare is None:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER SCHEMA "{spare.schema_name}" RENAME TO "{schema_name}"')
    spare.delete()
    return True
