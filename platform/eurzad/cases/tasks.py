"""Sending the office's letters and fetching their delivery evidence, in the town's schema."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from eurzad.cases.letters import MAX_ATTEMPTS, collect_evidence, send_delivery
from eurzad.cases.models import LetterDelivery
from eurzad.celery import app
from eurzad.channels.registry import ChannelError
from tenants.dispatch import for_each_active_town

logger = logging.getLogger(__name__)

# A queued letter whose send task was lost is picked up by the periodic check after this.
LOST_SEND_AFTER = dt.timedelta(minutes=10)


@app.task(name="cases.send_letter", bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def send_letter(self, delivery_id: int) -> str:  # type: ignore[no-untyped-def]
    """Hand one queued letter to its provider; tried again, with growing pauses, while
    the provider refuses or cannot be reached."""
    delivery = (
        LetterDelivery.objects.select_related("document__case", "party")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        return "gone"
    try:
        send_delivery(delivery)
    except ChannelError as error:
        if delivery.state == LetterDelivery.State.FAILED:
            logger.warning("Letter delivery %s failed for good: %s", delivery_id, error)
            return delivery.state
        raise self.retry(countdown=min(30 * 2 ** (delivery.attempts - 1), 6 * 3600)) from None
    return delivery.state


@app.task(name="cases.check_letter_deliveries", acks_late=True)
def check_letter_deliveries() -> dict[str, int]:
    """Fetch new evidence of the town's sent letters, and queue again letters whose send
    task was lost."""
    checked = resent = 0
    sent = LetterDelivery.objects.filter(state=LetterDelivery.State.SENT).select_related("document")
    for delivery in sent:
        try:
            collect_evidence(delivery)
            checked += 1
        except ChannelError as error:
            logger.warning("Evidence of letter delivery %s not fetched: %s", delivery.pk, error)
    stale = timezone.now() - LOST_SEND_AFTER
    for delivery_id in LetterDelivery.objects.filter(
        state=LetterDelivery.State.QUEUED, created_at__lt=stale
    ).values_list("pk", flat=True):
        send_letter.delay(delivery_id)
        resent += 1
    return {"checked": checked, "resent": resent}


@app.task(name="cases.check_letter_deliveries_in_all_towns")
def check_letter_deliveries_in_all_towns() -> int:
    return len(for_each_active_town(check_letter_deliveries))
