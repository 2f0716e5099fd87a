"""The active alerts, and when their set will next change (so that neither cached pages
nor the remembered banner outlive it)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from cms.models.alerts import Alert
from eurzad.core.town_memo import town_memo


def next_alert_change(now: datetime | None = None) -> datetime | None:
    moment = now or timezone.now()
    starts = Alert.objects.filter(valid_from__gt=moment).aggregate(at=Min("valid_from"))["at"]
    ends = Alert.objects.active(moment).aggregate(at=Min("valid_until"))["at"]
    candidates = [at for at in (starts, ends) if at is not None]
    return min(candidates) if candidates else None


def current_alerts() -> list[Alert]:
    """The town's active alerts (the banner on every page), remembered per town until one
    starts or ends, or an editor changes one (``cms.signals``)."""

    def load() -> tuple[list[Alert], datetime | None]:
        now = timezone.now()
        return list(Alert.objects.active(now)), next_alert_change(now)

    return list(town_memo.remember_until("active-alerts", load))
