"""When each town's host last answered a request — the operator console's "last activity".

Recorded on the hot path, so cheaply: each process writes a town's ``last_seen_at`` at
most once per ``TOWN_ACTIVITY_INTERVAL_SECONDS``, and the UPDATE itself skips rows another
process has just written. At 2,500 busy towns and the default 5 minutes that is at most
about 8 small writes a second per process, none for idle towns.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from tenants.models import Municipality

logger = logging.getLogger(__name__)


class TownActivity:
    """Throttled writer of ``Municipality.last_seen_at`` (one per process)."""

    def __init__(self, interval_seconds: float) -> None:
        self.interval_seconds = interval_seconds
        self._written: dict[int, float] = {}
        self._lock = threading.Lock()

    def seen(self, municipality: Municipality) -> None:
        """Note that ``municipality``'s host answered a request now."""
        now = time.monotonic()
        with self._lock:
            last = self._written.get(municipality.pk)
            if last is not None and now - last < self.interval_seconds:
                return
            self._written[municipality.pk] = now
        moment = timezone.now()
        stale = moment - timedelta(seconds=self.interval_seconds)
        try:
            Municipality.objects.filter(pk=municipality.pk).filter(
                Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=stale)
            ).update(last_seen_at=moment)
        except DatabaseError:  # bookkeeping must never cost a resident their page
            logger.warning("Could not record activity of %s", municipality.schema_name)

    def forget(self) -> None:
        """Drop what this process remembers (tests; a town's row was recreated)."""
        with self._lock:
            self._written.clear()


town_activity = TownActivity(settings.TOWN_ACTIVITY_INTERVAL_SECONDS)
