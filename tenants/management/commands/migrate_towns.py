"""Migrate every town's schema: skip the up-to-date ones, the rest in parallel, resumable.

``migrate_schemas`` costs about 0.8 s per schema even with nothing to apply (34 min at
2,477 towns). This command reads the migration state of all towns in one query (the
fingerprint each schema was last migrated to, ``Municipality.migration_state``), skips
the towns already at the state this code expects, and migrates the others with
``--jobs`` worker processes. Each town is answered with a 503 "trwa aktualizacja" page
while it is migrated. Progress and failures go to ``MigrationRun`` / ``TownMigration``
(public schema): ``--resume`` retries what an interrupted or failed run left, and one
failed town does not stop the others. Exit status 1 when any town failed.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils import timezone

from eurzad.core.postgresql.connection import connection
from tenants.migration_state import pending_towns, target_leaves, target_state
from tenants.models import MigrationRun, Municipality, TownMigration
from tenants.routing import routing_cache

VERIFY_CHUNK = 400  # schemas per UNION ALL query of --verify (locks per transaction)


def town_states() -> dict[str, str]:
    """Schema → recorded migration state of every town with a schema (ONE query).

    A town being migrated (or left half-migrated by a failure) counts as behind.
    """
    table = Municipality._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT m.schema_name, CASE WHEN m.migrating THEN '' ELSE m.migration_state END
              FROM "public"."{table}" AS m
              JOIN pg_namespace AS n ON n.nspname = m.schema_name
             WHERE m.schema_name <> 'public' AND m.status <> %s
             ORDER BY m.id
            """,  # noqa: S608 - our model's table name, no input
            [Municipality.Status.ARCHIVED],
        )
        return dict(cursor.fetchall())


def applied_states(schemas: list[str]) -> dict[str, str]:
    """The real state of each schema, read from its own ``django_migrations`` table:
    one UNION ALL query per ``VERIFY_CHUNK`` schemas. Target state or '' (behind)."""
    leaves = target_leaves()
    values = ", ".join(["(%s, %s)"] * len(leaves))
    leaf_params = [part for leaf in leaves for part in leaf]
    states: dict[str, str] = {}
    for start in range(0, len(schemas), VERIFY_CHUNK):
        chunk = schemas[start : start + VERIFY_CHUNK]
        union = " UNION ALL ".join(
            f'SELECT %s AS s, app, name FROM "{schema}".django_migrations'  # noqa: S608
            for schema in chunk  # validated schema names of our own towns
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH leaf(app, name) AS (VALUES {values})
                SELECT applied.s, count(*) FROM ({union}) AS applied
                  JOIN leaf ON leaf.app = applied.app AND leaf.name = applied.name
                 GROUP BY applied.s
                """,  # noqa: S608 - our towns' validated schema names and placeholders
                leaf_params + chunk,
            )
            counts = dict(cursor.fetchall())
        for schema in chunk:
            states[schema] = target_state() if counts.get(schema) == len(leaves) else ""
    return states


def migrate_one(schema: str, target: str) -> tuple[str, bool, float, str]:
    """Migrate one town (in a worker process or this one); never raises."""
    started = time.monotonic()
    towns = Municipality.objects.filter(schema_name=schema)
    try:
        connection.set_schema_to_public()
        towns.update(migrating=True)
        routing_cache.invalidate()  # its pages answer 503 "trwa aktualizacja" from now on
        call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
        connection.set_schema_to_public()
        towns.update(migrating=False, migration_state=target)
        routing_cache.invalidate()
    except Exception:  # one town's failure must not stop the others
        connection.set_schema_to_public()
        # The town stays "migrating" (503): it is never served half-migrated.
        return schema, False, time.monotonic() - started, traceback.format_exc(limit=5)
    return schema, True, time.monotonic() - started, ""


def _worker_init() -> None:
    connections.close_all()  # never share the parent's database connection


class Command(BaseCommand):
    help = (
        "Migruje schematy gmin: pomija aktualne, resztę równolegle, z możliwością "
        "wznowienia (migrate every town: skip up-to-date ones, parallel, resumable)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jobs", type=int, default=None, help="Parallel worker processes (MIGRATE_JOBS)."
        )
        parser.add_argument(
            "--resume",
            action="store_true",
            help="Continue the last interrupted or failed run (retry its failed towns).",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Read every schema's own django_migrations instead of trusting the "
            "recorded states (after migrate_schemas was run by hand).",
        )
        parser.add_argument(
            "--skip-public", action="store_true", help="Do not migrate the public schema."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = max(1, options["jobs"] or settings.MIGRATE_JOBS)
        target = target_state()
        started = time.monotonic()
        connection.set_schema_to_public()
        if not options["skip_public"] and "public" in pending_towns():
            self.stdout.write("Migracja schematu public (migrating the public schema)…")
            call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
            connection.set_schema_to_public()

        states = town_states()
        if options["verify"]:
            states = self._verify(states)
        behind = [schema for schema, state in states.items() if state != target]
        run = self._run_for(options["resume"], target, behind, len(states), jobs)
        todo = list(
            run.towns.exclude(status=TownMigration.Status.DONE).values_list(
                "schema_name", flat=True
            )
        )
        skipped = len(states) - len(todo)
        self.stdout.write(
            f"Gminy: {len(states)}, aktualne: {skipped}, do migracji: {len(todo)} "
            f"(towns: {len(states)}, up to date: {skipped}, to migrate: {len(todo)}), "
            f"jobs={jobs}, target={target}"
        )
        failed = self._migrate(run, todo, target, jobs)

        run.status = MigrationRun.Status.FAILED if failed else MigrationRun.Status.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Podsumowanie (summary): zmigrowano {len(todo) - len(failed)}, "
            f"pominięto {skipped}, błędy {len(failed)}, czas {elapsed:.1f} s"
        )
        if failed:
            for schema in failed:
                self.stderr.write(f"  błąd (failed): {schema}")
            raise CommandError(
                f"Gminy, których migracja się nie powiodła: {len(failed)}; popraw i uruchom "
                f"migrate_towns --resume ({len(failed)} towns failed; fix and --resume)."
            )

    def _verify(self, states: dict[str, str]) -> dict[str, str]:
        """Replace the recorded states by the real ones and correct the records."""
        real = applied_states(list(states))
        being_migrated = set(
            Municipality.objects.filter(migrating=True).values_list("schema_name", flat=True)
        )
        for schema, state in real.items():
            if state != states[schema] and schema not in being_migrated:
                Municipality.objects.filter(schema_name=schema).update(migration_state=state)
        return {s: "" if s in being_migrated else real[s] for s in states}

    def _run_for(
        self, resume: bool, target: str, behind: list[str], towns: int, jobs: int
    ) -> MigrationRun:
        if resume:
            run = (
                MigrationRun.objects.filter(target_state=target)
                .exclude(status=MigrationRun.Status.DONE)
                .first()
            )
            if run is None:
                raise CommandError(
                    "Brak przerwanej migracji do wznowienia (no unfinished run to resume)."
                )
            known = set(run.towns.values_list("schema_name", flat=True))
            TownMigration.objects.bulk_create(
                [TownMigration(run=run, schema_name=s) for s in behind if s not in known]
            )
            run.towns.filter(schema_name__in=behind).update(status=TownMigration.Status.PENDING)
            run.status = MigrationRun.Status.RUNNING
            run.jobs = jobs
            run.save(update_fields=["status", "jobs"])
            return run
        run = MigrationRun.objects.create(
            target_state=target, jobs=jobs, total=len(behind), skipped=towns - len(behind)
        )
        TownMigration.objects.bulk_create(
            [TownMigration(run=run, schema_name=schema) for schema in behind], batch_size=1000
        )
        return run

    def _migrate(self, run: MigrationRun, todo: list[str], target: str, jobs: int) -> list[str]:
        failed: list[str] = []
        if not todo:
            return failed
        started = time.monotonic()

        def record(result: tuple[str, bool, float, str], done: int) -> None:
            schema, ok, seconds, error = result
            connection.set_schema_to_public()
            TownMigration.objects.filter(run=run, schema_name=schema).update(
                status=TownMigration.Status.DONE if ok else TownMigration.Status.FAILED,
                error=error,
                seconds=seconds,
            )
            if not ok:
                failed.append(schema)
                self.stderr.write(f"[{schema}] błąd migracji (failed):\n{error}")
            rate = done / max(time.monotonic() - started, 1e-6)
            eta = (len(todo) - done) / rate if rate else 0
            self.stdout.write(
                f"{done}/{len(todo)} {schema}: {'OK' if ok else 'BŁĄD'} "
                f"({seconds:.1f} s; {rate:.2f} gmin/s, ETA {eta:.0f} s)"
            )

        if jobs == 1 or len(todo) == 1:
            for done, schema in enumerate(todo, start=1):
                record(migrate_one(schema, target), done)
            return failed
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init) as pool:
            futures = [pool.submit(migrate_one, schema, target) for schema in todo]
            for done, future in enumerate(as_completed(futures), start=1):
                record(future.result(), done)
        return failed
