"""The console's background work: archives and restores (see tenants.console.jobs)."""

from __future__ import annotations

from django.conf import settings

from eurzad.celery import app
from tenants.console import jobs


@app.task(
    name="tenants.console.run_lifecycle_job",
    ignore_result=True,
    # A large town's dump may take long; the platform's default limits are for small tasks.
    time_limit=settings.LIFECYCLE_JOB_TIME_LIMIT_SECONDS,
    soft_time_limit=settings.LIFECYCLE_JOB_TIME_LIMIT_SECONDS - 60,
)
def run_lifecycle_job(job_id: int) -> str:
    """Archive or restore a town, as its queued job says; returns the job's state."""
    job = jobs.run(job_id)
    return job.status if job is not None else "skipped"
