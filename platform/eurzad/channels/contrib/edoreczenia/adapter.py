"""Intake from the town's e-Doręczenia mailbox over the User Agent API, the way the
technical design describes it for document-management systems: list the INBOX, read
each message in ``fullExtended`` format (content, attachments, evidences), and once it
is recorded move it out of the INBOX (to ``TRASH``, the first of the two documented
deletion steps; the final ``DELETE`` is left to the office).

The resident's signed form is the message's first XML attachment; a message without one
is still taken in (and rejected by intake with the reason), so nothing is lost. A
message whose JSON cannot be read is taken in the same way, with the raw answer kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from eurzad.channels.contrib.edoreczenia.api import UserAgentApi
from eurzad.channels.contrib.edoreczenia.messages import (
    InboundMessage,
    MessageFormatError,
    read_message,
    read_message_ids,
)
from eurzad.channels.documents import Attachment, ChannelKind, ReceivedDocument
from eurzad.channels.reading import read_signed_form
from eurzad.channels.registry import ChannelError, register_adapter

__all__ = ["EDoreczeniaAdapter"]

ACKNOWLEDGED_LOCATION = "TRASH"
DELIVERY_EVIDENCES = {"E.1", "E1"}


def _is_xml(attachment: Attachment) -> bool:
    return attachment.content_type.split(";")[0].strip() in {
        "text/xml",
        "application/xml",
    } or attachment.filename.lower().endswith(".xml")


def main_document(message: InboundMessage) -> tuple[bytes, tuple[Attachment, ...]]:
    """The signed form (first XML attachment) and the other attachments; without an XML
    attachment, the text body stands for the document."""
    for position, attachment in enumerate(message.attachments):
        if _is_xml(attachment):
            rest = message.attachments[:position] + message.attachments[position + 1 :]
            return attachment.content, rest
    return message.text_body.encode(), message.attachments


class EDoreczeniaAdapter:
    """Reads the town's e-Doręczenia mailbox (its ``AE:PL-…`` address)."""

    kind = ChannelKind.EDORECZENIA

    def __init__(self, config: Any, api: UserAgentApi | None = None) -> None:
        self.config = config
        self.api = api or UserAgentApi(config)

    def _waiting(self) -> list[str]:
        try:
            return read_message_ids(self.api.list_messages(label="INBOX"))
        except MessageFormatError as error:
            raise ChannelError(str(error)) from None

    def pending(self) -> int:
        return len(self._waiting())

    def fetch_next(self) -> ReceivedDocument | None:
        waiting = self._waiting()
        if not waiting:
            return None
        response = self.api.message(waiting[0])
        try:
            message = read_message(response.json())
        except (ValueError, MessageFormatError) as error:
            return self._unreadable(waiting[0], response.content, error)
        return self._document(message)

    def _document(self, message: InboundMessage) -> ReceivedDocument:
        raw, attachments = main_document(message)
        read = read_signed_form(raw)
        evidence_id, evidence_xml = self._delivery_evidence(message)
        return ReceivedDocument(
            channel=ChannelKind.EDORECZENIA,
            message_id=message.message_id,
            sender_address=message.sender_address,
            recipient_address=message.recipient_address or self.config.delivery_address,
            received_at=message.submitted_at or dt.datetime.now(dt.UTC),
            title=(read.form.title if read.form else "") or message.subject,
            raw=raw,
            form=read.form,
            signer=read.signer,
            attachments=(read.form.attachments if read.form else ()) + attachments,
            # The provider's evidence of delivery is kept as issued; without one intake
            # issues the town's own UPO.
            upo_id=evidence_id,
            upo_xml=evidence_xml,
            defect=read.defect,
        )

    def _delivery_evidence(self, message: InboundMessage) -> tuple[str, bytes]:
        for evidence in message.evidences:
            if evidence.kind in DELIVERY_EVIDENCES:
                return evidence.evidence_id, self.api.evidence_file(evidence.evidence_id)
        return "", b""

    def _unreadable(self, message_id: str, content: bytes, error: Exception) -> ReceivedDocument:
        detail = str(error) if isinstance(error, MessageFormatError) else _("to nie jest JSON")
        return ReceivedDocument(
            channel=ChannelKind.EDORECZENIA,
            message_id=message_id,
            sender_address="",
            recipient_address=self.config.delivery_address,
            received_at=dt.datetime.now(dt.UTC),
            title=_("Nieczytelna wiadomość e-Doręczeń"),
            raw=content,
            defect=_("Wiadomości e-Doręczeń nie udało się odczytać: %(detail)s")
            % {"detail": detail},
        )

    def acknowledge(self, document: ReceivedDocument) -> None:
        self.api.move(document.message_id, ACKNOWLEDGED_LOCATION)


register_adapter(ChannelKind.EDORECZENIA.value, EDoreczeniaAdapter)
