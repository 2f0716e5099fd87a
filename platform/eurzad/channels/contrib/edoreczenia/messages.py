"""The User Agent API's JSON, read and written: a received ``Message`` (format
``fullExtended``), the ``EvidenceWrapper`` list, and the ``Message`` body of a letter the
office sends. Shapes and names as in the UA API contract 3.0.8 (``uaapi_3.0.8.x.yaml``,
see docs/integrations/e-doreczenia.md); nothing here talks to the network."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from eurzad.channels.documents import Attachment
from eurzad.channels.sending import DeliveryState, OutgoingLetter

__all__ = [
    "EvidenceRef",
    "InboundMessage",
    "MessageFormatError",
    "attachment_upload",
    "delivery_state",
    "is_pdf_twin",
    "outgoing_message",
    "read_evidences",
    "read_message",
    "read_message_ids",
]

TEXT_BODY_LIMIT = 5000  # Message.textBody maxLength

# Evidence codes (Evidence.type; the contract lists them dotted and undotted): what each
# says about the letter's delivery (COI "Projekt Techniczny UA API" 5.27, Załącznik A).
_STATES = {
    "A1": DeliveryState.SENT,  # submission accepted
    "A2": DeliveryState.NOT_DELIVERED,  # submission rejected
    "B1": DeliveryState.SENT,  # relay to the recipient's provider accepted
    "B2": DeliveryState.NOT_DELIVERED,  # relay rejected
    "B3": DeliveryState.NOT_DELIVERED,  # relay failed
    "C2": DeliveryState.SENT,
    "D": DeliveryState.SENT,
    "D1": DeliveryState.SENT,  # prepared for the recipient to collect
    "D2": DeliveryState.NOT_DELIVERED,  # could not be made available
    "D3": DeliveryState.SENT,  # the recipient was notified
    "E1": DeliveryState.DELIVERED,  # handed over to the recipient
    "E2": DeliveryState.NOT_DELIVERED,  # handover failed
    "BPWX": DeliveryState.SENT,  # potwierdzenie wysłania (XML)
    "BPWP": DeliveryState.SENT,  # potwierdzenie wysłania (PDF)
    "BPOX": DeliveryState.DELIVERED,  # potwierdzenie otrzymania (XML), also deemed delivery
    "BPOP": DeliveryState.DELIVERED,  # potwierdzenie otrzymania (PDF)
    "HDW": DeliveryState.NOT_DELIVERED,  # hybrid: negative validation
    "HPN": DeliveryState.SENT,  # hybrid: posting confirmed
    "HEPO": DeliveryState.DELIVERED,  # hybrid: electronic return receipt
}
_PDF_TWINS = {"BPWP", "BPOP"}


class MessageFormatError(ValueError):
    """The provider's JSON does not have the documented shape (message in Polish)."""


def _code(kind: str) -> str:
    return kind.replace(".", "").upper()


def delivery_state(kind: str) -> DeliveryState | None:
    """What evidence ``kind`` (the provider's code) says; None for an unknown code."""
    return _STATES.get(_code(kind))


def is_pdf_twin(kind: str) -> bool:
    """BP.WP / BP.OP are the PDF renderings of BP.WX / BP.OX."""
    return _code(kind) in _PDF_TWINS


def parse_instant(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if not isinstance(value, str):
        raise MessageFormatError(_("Niepoprawna data w odpowiedzi e-Doręczeń."))
    try:
        instant = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise MessageFormatError(_("Niepoprawna data w odpowiedzi e-Doręczeń.")) from None
    return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class EvidenceRef:
    """One ``Evidence`` entry: its metadata; the signed document is fetched separately."""

    evidence_id: str
    message_id: str
    kind: str
    event_date: dt.datetime | None
    create_date: dt.datetime | None
    reason: str = ""

    @property
    def issued_at(self) -> dt.datetime | None:
        return self.event_date or self.create_date


@dataclass(frozen=True)
class InboundMessage:
    message_id: str
    message_type: str
    subject: str
    sender_address: str
    sender_name: str
    recipient_address: str
    submitted_at: dt.datetime | None
    text_body: str = ""
    thread_id: str = ""
    case_id: str = ""
    attachments: tuple[Attachment, ...] = ()
    evidences: tuple[EvidenceRef, ...] = field(default=())


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MessageFormatError(
            _("Odpowiedź e-Doręczeń nie ma oczekiwanej postaci: brak obiektu %(what)s.")
            % {"what": what}
        )
    return value


def _contributor_name(party: dict[str, Any]) -> str:
    contributor = party.get("contributor") or {}
    if not isinstance(contributor, dict):
        return ""
    person = " ".join(str(contributor.get(k) or "") for k in ("firstName", "lastName")).strip()
    company = " ".join(
        str(contributor.get(k) or "") for k in ("companyName", "companyNameContinued")
    ).strip()
    return person or company


def _attachment(item: Any) -> Attachment:
    item = _object(item, "Attachment")
    file = _object(item.get("file"), "Attachment.file")
    metadata = _object(file.get("fileMetadata"), "FileData.fileMetadata")
    content = file.get("file")
    if not isinstance(content, str):
        raise MessageFormatError(
            _("Załącznik %(name)s przyszedł bez treści.")
            % {"name": metadata.get("filename") or item.get("attachmentId") or "?"}
        )
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise MessageFormatError(
            _("Treść załącznika %(name)s nie jest poprawnym base64.")
            % {"name": metadata.get("filename") or "?"}
        ) from None
    return Attachment(
        str(metadata.get("filename") or item.get("attachmentId") or "zalacznik"),
        str(metadata.get("contentType") or "application/octet-stream"),
        data,
    )


def _evidence(item: Any) -> EvidenceRef:
    item = _object(item, "Evidence")
    evidence_id, message_id = item.get("evidenceId"), item.get("messageId")
    if not evidence_id or not message_id:
        raise MessageFormatError(_("Dowód bez identyfikatora w odpowiedzi e-Doręczeń."))
    reasons = item.get("reasonDetails") or []
    return EvidenceRef(
        evidence_id=str(evidence_id),
        message_id=str(message_id),
        kind=str(item.get("type") or ""),
        event_date=parse_instant(item.get("eventDate")),
        create_date=parse_instant(item.get("createDate")),
        reason="; ".join(str(r) for r in reasons) if isinstance(reasons, list) else "",
    )


def read_message(data: Any) -> InboundMessage:
    """One message as ``GET /{eDeliveryAddress}/messages/{messageId}`` returns it (an
    array of ``Message``; the first is read)."""
    if isinstance(data, list):
        if not data:
            raise MessageFormatError(_("e-Doręczenia zwróciły pustą listę wiadomości."))
        data = data[0]
    message = _object(data, "Message")
    control = _object(message.get("messageControlData") or {}, "messageControlData")
    metadata = _object(message.get("messageMetadata"), "messageMetadata")
    sender = _object(metadata.get("from") or {}, "messageMetadata.from")
    recipients = metadata.get("to") or []
    if not isinstance(recipients, list):
        raise MessageFormatError(_("Pole messageMetadata.to nie jest listą."))
    recipient = _object(recipients[0], "messageMetadata.to") if recipients else {}
    message_id = metadata.get("messageId")
    if not message_id:
        raise MessageFormatError(_("Wiadomość bez identyfikatora (messageId)."))
    attachments = message.get("attachments") or []
    evidences = message.get("evidences") or []
    if not isinstance(attachments, list) or not isinstance(evidences, list):
        raise MessageFormatError(_("Załączniki lub dowody wiadomości nie są listą."))
    return InboundMessage(
        message_id=str(message_id),
        message_type=str(control.get("messageType") or "Message"),
        subject=str(metadata.get("subject") or ""),
        sender_address=str(sender.get("eDeliveryAddress") or ""),
        sender_name=_contributor_name(sender),
        recipient_address=str(recipient.get("eDeliveryAddress") or ""),
        submitted_at=parse_instant(metadata.get("submissionDate"))
        or parse_instant(metadata.get("timestamp")),
        text_body=str(message.get("textBody") or ""),
        thread_id=str(metadata.get("threadId") or ""),
        case_id=str(metadata.get("caseId") or ""),
        attachments=tuple(_attachment(item) for item in attachments),
        evidences=tuple(_evidence(item) for item in evidences),
    )


def read_message_ids(data: Any, *, message_type: str = "Message") -> list[str]:
    """The ids in a ``MessagesWrapper`` whose ``messageType`` is ``message_type`` (a
    list in ``minimal`` format carries no type: every entry counts)."""
    wrapper = _object(data, "MessagesWrapper")
    messages = wrapper.get("messages")
    if not isinstance(messages, list):
        raise MessageFormatError(_("Lista wiadomości e-Doręczeń nie ma pola messages."))
    ids = []
    for item in messages:
        item = _object(item, "Message")
        control = item.get("messageControlData") or {}
        metadata = item.get("messageMetadata") or {}
        if not isinstance(control, dict) or not isinstance(metadata, dict):
            raise MessageFormatError(_("Wiadomość na liście e-Doręczeń nie ma metadanych."))
        if control.get("messageType", message_type) != message_type:
            continue
        if not metadata.get("messageId"):
            raise MessageFormatError(_("Wiadomość bez identyfikatora (messageId)."))
        ids.append(str(metadata["messageId"]))
    return ids


def read_evidences(data: Any) -> list[EvidenceRef]:
    """``EvidenceWrapper`` (``GET …/messages/{messageId}/evidences``)."""
    wrapper = _object(data, "EvidenceWrapper")
    items = wrapper.get("evidences") or []
    if not isinstance(items, list):
        raise MessageFormatError(_("Pole evidences nie jest listą."))
    return [_evidence(item) for item in items]


def outgoing_message(letter: OutgoingLetter, *, sender_address: str) -> dict[str, Any]:
    """The ``Message`` the office sends (electronic delivery, PURDE: always registered,
    the provider issues the evidences); attachments are uploaded to the draft after."""
    if len(letter.body) > TEXT_BODY_LIMIT:
        raise MessageFormatError(
            _(
                "Treść wiadomości e-Doręczeń może mieć najwyżej %(limit)s znaków; "
                "dołącz pismo jako załącznik."
            )
            % {"limit": TEXT_BODY_LIMIT}
        )
    metadata: dict[str, Any] = {
        "from": {"eDeliveryAddress": sender_address},
        "to": [{"eDeliveryAddress": letter.recipient_address}],
        "subject": letter.subject,
        "shippingService": "electronic",
    }
    if letter.case_sign:
        metadata["caseId"] = letter.case_sign
    return {"messageMetadata": metadata, "textBody": letter.body}


def attachment_upload(attachment: Attachment) -> dict[str, Any]:
    """``FileData`` for ``POST /{eDeliveryAddress}/drafts/{messageId}/attachments``:
    the file's metadata and its content in base64 (the documented text mode)."""
    return {
        "fileMetadata": {
            "filename": attachment.filename,
            "contentType": attachment.content_type,
            "size": len(attachment.content),
        },
        "file": base64.b64encode(attachment.content).decode("ascii"),
    }
