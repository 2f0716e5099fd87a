"""Background work of the tenants app: keeping the spare schema pool filled."""

from __future__ import annotations

from eurzad.celery import app
from tenants import pool


@app.task(name="tenants.refill_spare_pool", ignore_result=True)
def refill_spare_pool() -> int:
    """Drop stale spares and build new ones up to ``POOL_SIZE`` (beat + after onboarding)."""
    return pool.refill_pool()
