"""What the portal hands back to the town's systems: changes recorded for the feeds and
the webhooks, and how one change reads in JSON (the same in a feed and in a webhook).

:func:`record_change` runs inside the transaction that made the change (a signal
receiver), so the feed row and the webhook outbox rows commit or roll back with it; the
webhooks are posted once it has committed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from api.integration.submission_data import party_ref, submission_summary
from api.models import STREAM_OF_EVENT, ApiClient, Event, FeedEntry, Scope, WebhookDelivery
from eurzad.core import outbox
from eurzad.core.masking import mask
from eurzad.eservices.queries import filed_applications
from eurzad.finance.models import Payment
from eurzad.finance.money import ZERO, money
from eurzad.identity.models import AccessRequest


def record_change(event: str, object_id: int) -> None:
    """Record ``event`` about ``object_id`` once: a feed row and, for each client that
    wants it, a webhook posted after the commit."""
    stream = STREAM_OF_EVENT[Event(event)]
    FeedEntry.objects.bulk_create(
        [FeedEntry(stream=stream, event=event, object_id=object_id)], ignore_conflicts=True
    )
    clients = [
        client
        for client in ApiClient.objects.filter(revoked_at__isnull=True).exclude(webhook_url="")
        if client.wants(event)
    ]
    if not clients:
        return
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(client=client, event=event, object_id=object_id) for client in clients],
        ignore_conflicts=True,
    )
    ids = list(
        WebhookDelivery.objects.filter(
            client__in=clients, event=event, object_id=object_id, attempts=0
        ).values_list("pk", flat=True)
    )

    for pk in ids:
        outbox.enqueue("api.deliver_webhook", pk)


# --- how a change reads ----------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return f"{money(value):.2f}"


def payment_data(payment: Payment, *, full_pesel: bool) -> dict[str, Any]:
    """An online payment with what it settled: each installment's part, and what was
    left unallocated (an overpayment): ``amount`` of the installment itself and
    ``interest`` of the interest on it. The parts add up to ``amount``."""
    allocations = sorted(
        payment.allocations.all(),
        key=lambda a: (a.installment.obligation.external_id, a.installment.number, a.pk),
    )
    allocated = sum((a.amount + a.interest for a in allocations), ZERO)
    return {
        "external_id": payment.external_id,
        "source": payment.source,
        "booked_on": payment.booked_on.isoformat(),
        "party": party_ref(payment.party, full_pesel=full_pesel),
        "amount": _amount(payment.amount),
        "title": payment.title,
        "obligation_external_id": payment.obligation.external_id if payment.obligation else "",
        "allocations": [
            {
                "obligation_external_id": a.installment.obligation.external_id,
                "obligation_source": a.installment.obligation.source,
                "installment_number": a.installment.number,
                "amount": _amount(a.amount),
                "interest": _amount(a.interest),
            }
            for a in allocations
        ],
        "unallocated": _amount(max(payment.amount - allocated, ZERO)),
    }


def access_request_data(request: AccessRequest, *, full_pesel: bool) -> dict[str, Any]:
    """An access request as the office's systems need it; the PESEL in full only for a
    client with the ``parties`` scope, contact details only with it too."""
    data: dict[str, Any] = {
        "reference": request.reference,
        "status": request.status,
        "channel": request.channel,
        "submitted_at": request.submitted_at.isoformat(),
        "due_on": request.due_on.isoformat(),
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
        "first_name": request.first_name,
        "last_name": request.last_name,
        "pesel": request.pesel if full_pesel else mask(request.pesel),
        "rejection_reason": request.rejection_reason,
        "resident_party": None,
    }
    resident = request.resident if request.resident_id is not None else None
    if resident is not None and resident.party is not None:
        data["resident_party"] = party_ref(resident.party, full_pesel=full_pesel)
    if full_pesel:
        data.update(
            email=request.email,
            phone=request.phone,
            street=request.street,
            postal_code=request.postal_code,
            city=request.city,
        )
    return data


def load(event: str, object_ids: list[int]) -> dict[int, Any]:
    """The objects of ``event`` by pk, with what their JSON needs, in two or three queries."""
    if Event(event) == Event.SUBMISSION_FILED:
        submissions = filed_applications().filter(pk__in=object_ids)
        return {submission.pk: submission for submission in submissions}
    if Event(event) == Event.PAYMENT_BOOKED:
        payments = (
            Payment.objects.filter(pk__in=object_ids)
            .select_related("party", "obligation")
            .prefetch_related("allocations__installment__obligation")
        )
        return {payment.pk: payment for payment in payments}
    requests = AccessRequest.objects.filter(pk__in=object_ids).select_related("resident__party")
    return {request.pk: request for request in requests}


def change_data(event: str, obj: Any, client: ApiClient) -> dict[str, Any]:
    full_pesel = client.has_scope(Scope.PARTIES)
    if Event(event) == Event.SUBMISSION_FILED:
        return submission_summary(obj, full_pesel=full_pesel)
    if Event(event) == Event.PAYMENT_BOOKED:
        return payment_data(obj, full_pesel=full_pesel)
    return access_request_data(obj, full_pesel=full_pesel)
