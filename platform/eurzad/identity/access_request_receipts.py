"""The UPO of an access request that came through ePUAP or e-Doręczenia, as the applicant
and the clerk read it (eurzad.channels.receipt_view), checked against the document the
office took in."""

from __future__ import annotations

from eurzad.channels.models import IntakeRecord
from eurzad.channels.receipt_view import ShownReceipt, shown_receipt
from eurzad.identity.models import AccessRequest


def access_request_receipt(access_request: AccessRequest) -> ShownReceipt | None:
    """The request's receipt, its digest compared with the document taken in; None when
    the request has none (filed online) or what it holds is no receipt."""
    if not access_request.upo:
        return None
    record = (
        IntakeRecord.objects.filter(message_id=access_request.channel_message_id)
        .only("document")
        .first()
        if access_request.channel_message_id
        else None
    )
    document = bytes(record.document) if record is not None else None
    return shown_receipt(access_request.upo, document=document)


def receipt_file_name(access_request: AccessRequest, extension: str) -> str:
    return f"UPO-{access_request.reference.replace('/', '-')}.{extension}"
