"""Archive and restore as background jobs.

Dumping or restoring a town with years of documents takes minutes, longer than a web
request may last (gunicorn's timeout, the ingress'). The console and the operator API
therefore check what can be checked at once (the town's state, the export, free names),
record a :class:`LifecycleJob` and hand it to a Celery worker; the operator follows it on
the town's page, in *Zadania* or at ``/api/operator/v1/zadania/<id>/``. ``manage.py town``
runs the same job in its own process and waits for it.

One open job per town at a time; a job whose worker died is marked failed once it has
been running longer than ``LIFECYCLE_JOB_TIME_LIMIT_SECONDS``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from eurzad.core import outbox
from tenants.console.models import LifecycleJob
from tenants.console.services import archive, lifecycle
from tenants.console.services.actions import Actor, LifecycleError, record
from tenants.models import Municipality

logger = logging.getLogger(__name__)


def _create(actor: Actor, kind: str, schema: str, name: str, export: str = "") -> LifecycleJob:
    return LifecycleJob.objects.create(
        **actor.stamp(), kind=kind, town_schema=schema, town_name=name, export=export
    )


def _dispatch(job: LifecycleJob, wait: bool) -> LifecycleJob:
    if wait:
        run(job.pk)
        job.refresh_from_db()
        return job
    outbox.enqueue("tenants.console.run_lifecycle_job", job.pk)
    return job


def request_archive(actor: Actor, town: Municipality, *, wait: bool = False) -> LifecycleJob:
    """Queue the town's archive (or, with ``wait``, run it here and return it finished).
    Raises ``LifecycleError`` at once when the town may not be archived now."""
    archive.check_archivable(town)
    with transaction.atomic():
        # One request at a time per town: the row lock orders concurrent clicks.
        Municipality.objects.select_for_update().filter(pk=town.pk).first()
        lifecycle.refuse_while_job_open(town.schema_name)
        job = _create(actor, LifecycleJob.Kind.ARCHIVE, town.schema_name, str(town))
        record(actor, "archive_requested", town, {"job": job.pk})
    return _dispatch(job, wait)


def request_restore(
    actor: Actor, export: Path, schema_name: str = "", *, wait: bool = False
) -> LifecycleJob:
    """Queue the restore of ``export`` (under ``schema_name`` or its own schema). Raises
    ``LifecycleError`` or ``ValidationError`` at once when it cannot succeed."""
    manifest, schema_name = archive.check_restorable(export, schema_name)
    town = manifest["town"]
    with transaction.atomic():
        lifecycle.refuse_while_job_open(schema_name)
        job = _create(
            actor,
            LifecycleJob.Kind.RESTORE,
            schema_name,
            town.get("official_name") or town.get("name", ""),
            export=str(export),
        )
        record(
            actor, "restore_requested", None, {"job": job.pk, "file": str(export)},
            town_schema=job.town_schema, town_name=job.town_name,
        )  # fmt: skip
    return _dispatch(job, wait)


def _claim(job_id: int) -> LifecycleJob | None:
    with transaction.atomic():
        job = (
            LifecycleJob.objects.select_for_update(skip_locked=True)
            .filter(pk=job_id, status=LifecycleJob.Status.QUEUED)
            .first()
        )
        if job is None:
            return None
        job.status = LifecycleJob.Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return job


def run(job_id: int) -> LifecycleJob | None:
    """Run a queued job (in a worker, or in ``manage.py town``); ``None`` when it is not
    queued (done already, or another worker has it). Failures are kept on the job and in
    the audit log, never raised."""
    job = _claim(job_id)
    if job is None:
        return None
    actor = Actor.of(job)
    try:
        if job.kind == LifecycleJob.Kind.ARCHIVE:
            town = Municipality.objects.get(schema_name=job.town_schema)
            job.export = archive.archive(actor, town).name
        else:
            restored = archive.restore(actor, Path(job.export), job.town_schema)
            job.town_name = str(restored)
    except Exception as exc:  # the job records every failure, expected or not
        if not isinstance(exc, LifecycleError):
            logger.exception("%s of %s failed", job.kind, job.town_schema)
        job.status = LifecycleJob.Status.FAILED
        job.error = str(exc)[:2000] or exc.__class__.__name__
        record(
            actor, f"{job.kind}_failed", None, {"job": job.pk, "error": job.error[:500]},
            town_schema=job.town_schema, town_name=job.town_name,
        )  # fmt: skip
    else:
        job.status = LifecycleJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "export", "town_name", "error", "finished_at"])
    return job
