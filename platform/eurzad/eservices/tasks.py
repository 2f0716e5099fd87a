"""Periodic e-services work, run by Celery in each town's own schema."""

from __future__ import annotations

from eurzad.celery import app
from eurzad.eservices.services import expire_drafts
from tenants.dispatch import for_each_active_town


@app.task(acks_late=True)
def expire_drafts_in_town() -> int:
    """Delete the town's unfinished applications past the days its setting keeps them
    (a paid fee keeps one). Safe to run again."""
    return expire_drafts()


@app.task
def expire_drafts_in_all_towns() -> int:
    """The nightly beat job: one task per active town, staggered."""
    return len(for_each_active_town(expire_drafts_in_town))
