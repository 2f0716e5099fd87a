"""Sending the office's letters and fetching their delivery evidence, in the town's schema."""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

from celery import Task
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.cases.letters import MAX_ATTEMPTS, collect_evidence, send_delivery
from eurzad.cases.models import LetterDelivery
from eurzad.celery import app
from eurzad.channels.registry import ChannelError
from eurzad.core import outbox
from tenants.dispatch import for_each_active_town

logger = logging.getLogger(__name__)

State = LetterDelivery.State
# A queued letter this long past its next attempt lost its task: it is queued again.
LOST_SEND_AFTER = dt.timedelta(minutes=10)
# A letter "being sent" this long was interrupted (a worker died mid-send): whether it
# left is unknown, so a person checks with the provider before sending it again.
INTERRUPTED_AFTER = dt.timedelta(minutes=30)


@app.task(name="cases.send_letter", bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def send_letter(self: Task, delivery_id: int) -> str:
    """Hand one queued letter to its provider; tried again on the schedule of
    :func:`eurzad.cases.letters.retry_delay` while the provider cannot be reached."""
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
        if delivery.state != State.QUEUED:
            logger.warning("Letter delivery %s %s: %s", delivery_id, delivery.state, error)
            return delivery.state
        retry_at = cast(dt.datetime, delivery.next_attempt_at)  # set when it stays queued
        wait = max((retry_at - timezone.now()).total_seconds(), 1)
        raise self.retry(countdown=wait) from None
    return delivery.state


@app.task(name="cases.check_letter_deliveries", acks_late=True)
def check_letter_deliveries() -> dict[str, int]:
    """Fetch new evidence of the town's letters sent electronically; queue again letters
    whose send task was lost; fail letters whose sending was interrupted. One delivery
    that cannot be checked does not stop the others."""
    now = timezone.now()
    checked = resent = interrupted = 0
    waiting = (
        LetterDelivery.objects.filter(state__in=[State.SENT, State.NOT_DELIVERED])
        .exclude(route=LetterDelivery.Route.PAPER)
        .select_related("document")
    )
    for delivery in waiting:
        try:
            collect_evidence(delivery, now=now)
            checked += 1
        except Exception as error:
            logger.warning("Evidence of letter delivery %s not fetched: %s", delivery.pk, error)
    lost = LetterDelivery.objects.filter(
        state=State.QUEUED, next_attempt_at__lt=now - LOST_SEND_AFTER
    ).values_list("pk", flat=True)
    for delivery_id in lost:
        outbox.enqueue(send_letter, delivery_id)
        resent += 1
    interrupted = LetterDelivery.objects.filter(
        state=State.SENDING, last_attempt_at__lt=now - INTERRUPTED_AFTER
    ).update(
        state=State.FAILED,
        last_error=_(
            "Wysyłka została przerwana. Sprawdź u dostawcy, czy pismo wyszło, zanim wyślesz "
            "je ponownie."
        ),
    )
    return {"checked": checked, "resent": resent, "interrupted": interrupted}


@app.task(name="cases.check_letter_deliveries_in_all_towns")
def check_letter_deliveries_in_all_towns() -> int:
    return len(for_each_active_town(check_letter_deliveries))
