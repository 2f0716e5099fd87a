"""migrate_towns: one query for every town's state, skip, migrate, record, resume."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.migration_state import all_towns_migrated, pending_towns, target_leaves, target_state
from tenants.models import MigrationRun, Municipality, TownMigration

# The shared app's newest migration: in a town it is only recorded, so forgetting it is safe.
LEAF = next(leaf for leaf in target_leaves() if leaf[0] == "tenants")


def _forget_leaf(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s', LEAF
        )


def _has_leaf(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s AND name = %s',
            LEAF,
        )
        return cursor.fetchone()[0] == 1


def _block_recording(schema: str, blocked: bool) -> None:
    with connection.cursor() as cursor:
        if blocked:
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION "{schema}".refuse() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON "{schema}".django_migrations
                FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse();
                """
            )
        else:
            cursor.execute(f'DROP FUNCTION IF EXISTS "{schema}".refuse() CASCADE')


@pytest.fixture
def town(scale_town, committed_db):
    schema = scale_town.schema_name
    yield scale_town
    connection.set_schema_to_public()
    _block_recording(schema, False)
    if not _has_leaf(schema):
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "{schema}".django_migrations (app, name, applied) '
                "VALUES (%s, %s, now())",
                LEAF,
            )
    Municipality.objects.filter(schema_name=schema).update(
        migrating=False, migration_state=target_state()
    )
    MigrationRun.objects.all().delete()


def test_up_to_date_towns_are_skipped_with_one_query_for_their_states(town):
    with CaptureQueriesContext(connection) as queries:
        call_command("migrate_towns", "--jobs", "1")
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum("pg_namespace" in q for q in sql) == 1  # every town's state, one query
    assert not any("migrate" in q.lower() and "django_migrations" in q for q in sql[2:])
    assert len(sql) < 12  # constant: nothing per town
    run = MigrationRun.objects.get()
    assert (run.status, run.total, run.skipped) == (
        "done",
        0,
        Municipality.objects.exclude(schema_name="public").exclude(status="archived").count(),
    )


def test_verify_reads_all_schemas_in_one_query_and_migrates_the_town_behind(town):
    schema = town.schema_name
    _forget_leaf(schema)
    assert all_towns_migrated()  # the record still says up to date…
    with CaptureQueriesContext(connection) as queries:
        call_command("migrate_towns", "--verify", "--jobs", "1")
    reads = [q["sql"] for q in queries.captured_queries if "JOIN leaf ON" in q["sql"]]
    assert len(reads) == 1
    assert f'"{schema}".django_migrations' in reads[0]
    assert '"zembrzyce".django_migrations' in reads[0]
    assert _has_leaf(schema)  # …--verify found it behind and migrated it
    assert TownMigration.objects.get().schema_name == schema
    town.refresh_from_db()
    assert town.migration_state == target_state() and not town.migrating


def test_a_town_behind_is_migrated_in_parallel_workers(town):
    Municipality.objects.filter(pk=town.pk).update(migration_state="older")
    _forget_leaf(town.schema_name)
    assert pending_towns() == [town.schema_name] and not all_towns_migrated()
    call_command("migrate_towns", "--jobs", "2")
    connection.set_schema_to_public()
    assert _has_leaf(town.schema_name)
    assert all_towns_migrated() and pending_towns() == []


def test_a_failure_is_recorded_and_resume_continues(town):
    schema = town.schema_name
    Municipality.objects.filter(pk=town.pk).update(migration_state="older")
    _forget_leaf(schema)
    _block_recording(schema, True)
    with pytest.raises(CommandError, match="--resume"):
        call_command("migrate_towns", "--jobs", "1")
    entry = TownMigration.objects.get(schema_name=schema)
    assert entry.status == "failed" and "simulated failure" in entry.error
    assert MigrationRun.objects.get().status == "failed"
    town.refresh_from_db()
    assert town.migrating  # never served half-migrated
    assert schema in pending_towns()

    _block_recording(schema, False)  # the operator fixes the cause
    call_command("migrate_towns", "--resume", "--jobs", "1")
    run = MigrationRun.objects.get()  # the same run, continued
    assert run.status == "done"
    assert run.towns.get(schema_name=schema).status == "done"
    town.refresh_from_db()
    assert not town.migrating and town.migration_state == target_state()
    assert _has_leaf(schema) and all_towns_migrated()


def test_resume_without_an_unfinished_run_is_refused(town):
    with pytest.raises(CommandError, match="no unfinished run"):
        call_command("migrate_towns", "--resume")
