"""Is every town's schema at the migrations this code expects? (cheap, one query)

The *target state* is a fingerprint of the leaf migrations of the migration graph this
code ships with. ``migrate_towns`` (and onboarding, and the spare pool) record in
``Municipality.migration_state`` the state a town's schema was brought to, so checking
every town is one query over the public schema instead of one per schema.
"""

from __future__ import annotations

import hashlib
from functools import cache

from django.db import connection

from tenants.models import Municipality


@cache
def target_leaves() -> tuple[tuple[str, str], ...]:
    """The leaf migrations of the graph (every app), sorted; computed once per process."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return tuple(sorted(loader.graph.leaf_nodes()))


@cache
def target_state() -> str:
    """Fingerprint of :func:`target_leaves` (what a fully migrated schema records)."""
    text = "\n".join(f"{app}.{name}" for app, name in target_leaves())
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _pending_sql() -> tuple[str, list[str]]:
    leaves = target_leaves()
    values = ", ".join(["(%s, %s)"] * len(leaves))
    params: list[str] = [target_state(), Municipality.Status.ACTIVE]
    for app, name in leaves:
        params += [app, name]
    table = Municipality._meta.db_table
    sql = f"""
        SELECT schema_name FROM "public"."{table}"
         WHERE schema_name <> 'public' AND (migrating OR migration_state <> %s)
           AND status = %s
        UNION ALL
        SELECT 'public' FROM (VALUES {values}) AS leaf(app, name)
         WHERE NOT EXISTS (
             SELECT 1 FROM "public"."django_migrations" AS m
              WHERE m.app = leaf.app AND m.name = leaf.name)
         GROUP BY 1
    """  # noqa: S608 - our table name and placeholders only
    return sql, params


def pending_towns() -> list[str]:
    """Schemas of active towns not at the target state (or being migrated), sorted;
    ``"public"`` is among them when the public schema has unapplied migrations.
    One query."""
    sql, params = _pending_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted({row[0] for row in cursor.fetchall()})


def all_towns_migrated() -> bool:
    """True when every active town and the public schema are at the target state."""
    return not pending_towns()
