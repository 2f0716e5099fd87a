"""Periodic register work, run by Celery in each town's own schema."""

from __future__ import annotations

from django.utils import timezone

from eurzad.celery import app
from eurzad.registers.services import purge_expired_entries as purge
from tenants.dispatch import for_each_active_town


@app.task(acks_late=True)
def purge_expired_entries() -> int:
    """Delete the entries past their register's retention period in the town the task
    was sent for. Safe to run again: a second run the same day finds nothing."""
    return purge(timezone.localdate())


@app.task
def purge_expired_entries_in_all_towns() -> int:
    """The daily beat job: one purge task per active town, staggered."""
    return len(for_each_active_town(purge_expired_entries))
