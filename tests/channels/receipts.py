"""A UPP (ePUAP's receipt of a submission) as the town issues it, signed with its own
system key: for tests of what shows and checks receipts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from eurzad.channels.models import ChannelConfig
from eurzad.channels.upo import Receipt, issue_upp


def town_upp(
    *,
    recipient: str,
    sender: str,
    document_id: str,
    document: bytes = b"<Wniosek/>",
    delivered_at: dt.datetime | None = None,
    receipt_id: str | None = None,
) -> str:
    """The XML of a UPP for ``document`` from ``sender`` to the town ``recipient`` (in
    the current schema, signed with its ePUAP channel's system key)."""
    config = ChannelConfig.objects.get(kind="epuap")
    _id, xml = issue_upp(
        Receipt(
            recipient_name=recipient,
            recipient_address=f"/{recipient.split()[-1].lower()}/SkrytkaESP",
            sender_name=sender,
            sender_address=sender.lower().replace(" ", "."),
            document_id=document_id,
            document=document,
            delivered_at=delivered_at or timezone.now(),
        ),
        config.system_private_key,
        config.system_certificate,
        receipt_id=receipt_id,
    )
    return xml.decode("utf-8")
