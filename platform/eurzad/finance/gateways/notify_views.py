"""The endpoint gateways post their notifications to. Not in a transaction: the
notification is committed first, then processed (see services)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from eurzad.core import outbox
from eurzad.finance.gateways.registry import InvalidNotification
from eurzad.finance.gateways.services import process_notification, receive_notification
from eurzad.finance.gateways.tasks import process_notification_task

logger = logging.getLogger(__name__)


@csrf_exempt  # authenticated by the gateway's signature, not a browser session
@transaction.non_atomic_requests
@require_POST
def notification(request: HttpRequest, gateway: str) -> HttpResponse:
    try:
        stored = receive_notification(gateway, request.body, request.headers)
    except InvalidNotification as error:
        logger.warning("Refused a %s notification: %s", gateway, error)
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    try:
        process_notification(stored.pk)
    except Exception:  # stored already: the worker and the reconciliation retry it
        logger.exception("Processing notification %s failed; queued for retry", stored.pk)
        outbox.enqueue(process_notification_task, stored.pk)
    # The notification is ours now; the gateway need not repeat it.
    return HttpResponse("OK", content_type="text/plain")
