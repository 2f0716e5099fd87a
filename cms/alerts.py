"""When the set of active alerts will next change (so cached pages never outlive it)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from cms.models.alerts import Alert


def next_alert_change(now: datetime | None = None) -> datetime | None:
    moment = now or timezone.now()
    starts = Alert.objects.filter(valid_from__gt=moment).aggregate(at=Min("valid_from"))["at"]
    ends = Alert.objects.active(moment).aggregate(at=Min("valid_until"))["at"]
    candidates = [at for at in (starts, ends) if at is not None]
    return min(candidates) if candidates else None
