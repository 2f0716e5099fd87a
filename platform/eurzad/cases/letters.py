"""Use cases of sending the office's letters to the parties of a case.

A letter goes to each party of the case by the first route that reaches it:

1. e-Doręczenia, when the party has an address for electronic delivery and the town's
   e-Doręczenia channel is on (the Act on electronic delivery makes this the rule);
2. ePUAP, when it has no such address but an ePUAP inbox and the town's ePUAP channel is
   on (the transitional route);
3. paper otherwise: the letter waits in the admin to be printed and posted.

Electronic letters are handed to the provider by a Celery task; a worker first claims the
delivery (``queued`` → ``sending`` in one UPDATE), so two workers never send one letter
twice. A provider that cannot be reached is tried again on a growing schedule; one that
refuses the letter for good, or whose answer was lost after the hand-over, fails it at
once for a person to look at. The provider's evidence (dispatch, delivery, or that it was
not collected) is fetched periodically, kept as issued in private storage and shown to the
resident in the case.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
from typing import cast

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.cases.models import CaseDocument, LetterDelivery, LetterEvidence
from eurzad.channels.documents import Attachment
from eurzad.channels.models import ChannelConfig
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import (
    DeliveryEvidence,
    DeliveryState,
    Dispatch,
    DispatchRefused,
    DispatchUncertain,
    OutgoingLetter,
    sender_for,
)
from eurzad.core import outbox
from eurzad.parties.models import Party

__all__ = [
    "MAX_ATTEMPTS",
    "change_delivery_state",
    "collect_evidence",
    "deletion_refused",
    "dispatch_letter",
    "retry_delay",
    "route_for",
    "send_delivery",
    "state_change_refused",
]

logger = logging.getLogger(__name__)

# A provider that cannot be reached is tried again after 30 s, 1, 2, 4 … 128 minutes
# (10 attempts over about 4 hours); then the letter is marked failed with its last answer.
MAX_ATTEMPTS = 10
FIRST_RETRY_SECONDS = 30

Route = LetterDelivery.Route
State = LetterDelivery.State

_STATE_OF_EVIDENCE = {
    DeliveryState.SENT: State.SENT,
    DeliveryState.DELIVERED: State.DELIVERED,
    DeliveryState.NOT_DELIVERED: State.NOT_DELIVERED,
}
# An evidence of delivery settles the letter whatever else was issued (several evidences
# often carry the same second); one of failure settles it unless it was delivered.
_FINALITY = (DeliveryState.DELIVERED, DeliveryState.NOT_DELIVERED, DeliveryState.SENT)
_EXTENSIONS = {"application/xml": ".xml", "text/xml": ".xml", "application/pdf": ".pdf"}


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait before the next attempt after ``attempts`` failed ones."""
    return dt.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def _channel(kind: str) -> ChannelConfig | None:
    return ChannelConfig.objects.filter(kind=kind, enabled=True).first()


def route_for(party: Party) -> tuple[str, str]:
    """The route a letter to ``party`` takes now, and the address it goes to."""
    if party.ade_address and _channel(Route.EDORECZENIA) is not None:
        return Route.EDORECZENIA, party.ade_address
    if party.epuap_inbox and _channel(Route.EPUAP) is not None:
        return Route.EPUAP, party.epuap_inbox
    return Route.PAPER, ""


def _queue_send(delivery: LetterDelivery) -> None:
    outbox.enqueue("cases.send_letter", delivery.pk)


def _route(delivery: LetterDelivery) -> None:
    """Set the delivery's route and address from its party as they are now."""
    delivery.route, delivery.recipient_address = route_for(delivery.party)
    if delivery.route == Route.PAPER:
        delivery.state = State.TO_PRINT
        delivery.next_attempt_at = None
    else:
        delivery.state = State.QUEUED
        delivery.next_attempt_at = timezone.now()


@transaction.atomic
def dispatch_letter(document: CaseDocument) -> list[LetterDelivery]:
    """Send the office's ``document`` to every party of its case that has not had it yet
    (asking again sends nothing twice and changes nothing already sent). Electronic sends
    are queued for when the transaction commits."""
    if document.direction != CaseDocument.Direction.OUTGOING:
        raise ValueError("Only the office's own letters are sent.")
    case = document.case
    deliveries = []
    created = False
    for party in [case.party, *case.co_parties.all()]:
        existing = LetterDelivery.objects.filter(document=document, party=party).first()
        if existing is not None:
            deliveries.append(existing)
            continue
        delivery = LetterDelivery(document=document, party=party)
        _route(delivery)
        delivery.save()
        if delivery.route != Route.PAPER:
            _queue_send(delivery)
        deliveries.append(delivery)
        created = True
    if created:
        routes = {delivery.route for delivery in deliveries}
        if len(routes) == 1:
            document.channel = routes.pop()
        document.delivery = CaseDocument.Delivery.PENDING
        document.save(update_fields=["channel", "delivery"])
    return deliveries


def _attachments(document: CaseDocument) -> tuple[Attachment, ...]:
    if not document.attachment:
        return ()
    name = document.attachment_name or "pismo"
    with document.attachment.open("rb") as stored:
        content = stored.read()
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (Attachment(name, content_type, content),)


def outgoing_letter(delivery: LetterDelivery) -> OutgoingLetter:
    """What the provider is handed for ``delivery``."""
    document = delivery.document
    case = document.case
    body = _("Pismo w sprawie {sign}: {title}.").format(sign=case.sign, title=document.title)
    return OutgoingLetter(
        reference=f"pismo-{document.pk}-{delivery.party_id}",
        recipient_address=delivery.recipient_address,
        recipient_name=delivery.party.display_name,
        subject=document.title,
        body=body,
        attachments=_attachments(document),
        case_sign=case.sign,
        recipient_is_person=delivery.party.kind == Party.Kind.NATURAL,
    )


def _config_for(delivery: LetterDelivery) -> ChannelConfig:
    config = _channel(delivery.route)
    if config is None:
        raise ChannelError(
            _("Kanał {channel} jest wyłączony w tym urzędzie.").format(
                channel=delivery.get_route_display()
            )
        )
    return config


def _claim(delivery: LetterDelivery) -> bool:
    """Take a queued delivery for sending, in one UPDATE; False when another worker has
    it, or it is no longer queued."""
    claimed = LetterDelivery.objects.filter(pk=delivery.pk, state=State.QUEUED).update(
        state=State.SENDING, attempts=F("attempts") + 1, last_attempt_at=timezone.now()
    )
    delivery.refresh_from_db()
    return bool(claimed)


def _failed(delivery: LetterDelivery, error: str) -> None:
    delivery.state = State.FAILED
    delivery.next_attempt_at = None
    delivery.last_error = error
    delivery.save(update_fields=["state", "next_attempt_at", "last_error"])


def _try_later(delivery: LetterDelivery, error: str) -> None:
    if delivery.attempts >= MAX_ATTEMPTS:
        _failed(delivery, error)
        return
    delivery.state = State.QUEUED
    delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    delivery.last_error = error
    delivery.save(update_fields=["state", "next_attempt_at", "last_error"])


def send_delivery(delivery: LetterDelivery) -> LetterDelivery:
    """Hand a queued letter to its provider, once. A letter not queued (sent, being sent
    by another worker, failed) is left as it is. A refusal is recorded on the delivery and
    raised again as :class:`ChannelError`: the task tries later while the delivery is
    still queued."""
    if not _claim(delivery):
        return delivery
    try:
        config = _config_for(delivery)
        dispatch = sender_for(config).send(outgoing_letter(delivery))
    except (DispatchRefused, DispatchUncertain) as error:
        _failed(delivery, str(error))
        raise
    except ChannelError as error:
        _try_later(delivery, str(error))
        raise
    except Exception as error:  # e.g. the attachment missing from storage
        logger.exception("Sending letter delivery %s failed", delivery.pk)
        message = _("Błąd po stronie e-Urzędu przy wysyłce: %(error)s") % {
            "error": type(error).__name__
        }
        _try_later(delivery, message)
        raise ChannelError(message) from error
    delivery.message_id = dispatch.message_id
    delivery.sent_at = dispatch.sent_at
    delivery.state = State.SENT
    delivery.next_attempt_at = None
    delivery.last_error = ""
    delivery.save(update_fields=["message_id", "sent_at", "state", "next_attempt_at", "last_error"])
    try:
        collect_evidence(delivery)
    except ChannelError:
        logger.warning("Evidence of letter delivery %s not fetched yet", delivery.pk)
    return delivery


def _store(delivery: LetterDelivery, evidence: DeliveryEvidence) -> bool:
    """Keep one evidence; False when it is already kept."""
    if LetterEvidence.objects.filter(delivery=delivery, evidence_id=evidence.evidence_id).exists():
        return False
    extension = _EXTENSIONS.get(evidence.content_type, ".bin")
    record = LetterEvidence(
        delivery=delivery,
        kind=evidence.kind,
        evidence_id=evidence.evidence_id,
        issued_at=evidence.issued_at,
        state=evidence.state.value,
    )
    record.file.save(
        f"{evidence.kind}-{evidence.evidence_id}{extension}",
        ContentFile(evidence.content),
        save=False,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # kept meanwhile by a concurrent check
        return False
    return True


def _settle(delivery: LetterDelivery, evidences: list[DeliveryEvidence]) -> None:
    """Move the delivery (and its letter) to the state the evidence attests."""
    attested = {evidence.state for evidence in evidences}
    final = next((state for state in _FINALITY if state in attested), None)
    if final is None:
        return
    state = _STATE_OF_EVIDENCE[final]
    if state == delivery.state:
        return
    delivery.state = state
    delivery.save(update_fields=["state"])
    _settle_document(delivery.document)


def _settle_document(document: CaseDocument) -> None:
    """The letter is delivered once every party has it; not collected when any did not;
    on its way otherwise."""
    states = set(document.deliveries.values_list("state", flat=True))
    if State.NOT_DELIVERED in states:
        delivery = CaseDocument.Delivery.NOT_COLLECTED
    elif states == {State.DELIVERED}:
        delivery = CaseDocument.Delivery.DELIVERED
    else:
        delivery = CaseDocument.Delivery.PENDING
    if document.delivery != delivery:
        document.delivery = delivery
        document.save(update_fields=["delivery"])


def collect_evidence(delivery: LetterDelivery, *, now: dt.datetime | None = None) -> int:
    """Fetch the provider's evidence of a letter sent electronically, keep what is new
    and settle the delivery's state; returns how many evidences were new. A send the
    provider has meanwhile refused fails the delivery."""
    if delivery.route == Route.PAPER or delivery.state not in (
        State.SENT,
        State.DELIVERED,
        State.NOT_DELIVERED,
    ):
        return 0
    config = _config_for(delivery)
    # a letter sent, delivered or not delivered has left: it has its sent_at
    dispatch = Dispatch(message_id=delivery.message_id, sent_at=cast(dt.datetime, delivery.sent_at))
    try:
        evidences = sender_for(config).evidence(dispatch)
    except DispatchRefused as error:
        _failed(delivery, str(error))
        _settle_document(delivery.document)
        return 0
    new = sum(_store(delivery, evidence) for evidence in evidences)
    delivery.checked_at = now or timezone.now()
    delivery.save(update_fields=["checked_at"])
    _settle(delivery, evidences)
    return new


def state_change_refused(delivery: LetterDelivery, state: str) -> str:
    """Why staff may not move ``delivery`` to ``state`` by hand ("" when they may)."""
    if state == delivery.state:
        return ""
    if state == State.QUEUED:
        if delivery.state != State.FAILED:
            return _("Ponownie wysłać można tylko pismo, którego wysyłka się nie udała.")
        return ""
    if delivery.route != Route.PAPER:
        return _("Stan pisma wysłanego elektronicznie wynika z dowodów doręczenia.")
    if state not in (State.TO_PRINT, State.SENT, State.DELIVERED, State.NOT_DELIVERED):
        return _("Ten stan nie dotyczy listów papierowych.")
    return ""


@transaction.atomic
def change_delivery_state(delivery: LetterDelivery, state: str) -> LetterDelivery:
    """What staff record by hand: a paper letter posted, delivered or returned, or a failed
    letter sent again — by the route its party has now (a corrected address, or paper)."""
    if refusal := state_change_refused(delivery, state):
        raise ValueError(refusal)
    if state == delivery.state:
        return delivery
    if state == State.QUEUED:
        delivery.attempts = 0
        delivery.last_error = ""
        _route(delivery)
        if delivery.route != Route.PAPER:
            _queue_send(delivery)
    else:
        delivery.state = state
    delivery.save()
    _settle_document(delivery.document)
    return delivery


def deletion_refused(documents: QuerySet[CaseDocument]) -> str:
    """Why ``documents`` cannot be deleted ("" when they can): a letter sent to a party,
    and its evidence, are the office's record."""
    if LetterDelivery.objects.filter(document__in=documents).exists():
        return _(
            "Nie można usunąć pisma wysłanego stronom: jego wysyłka i dowody doręczenia są "
            "dokumentacją urzędu."
        )
    return ""
