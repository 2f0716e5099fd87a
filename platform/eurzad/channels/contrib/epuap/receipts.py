"""Intake of the UPD ePUAP sends to the office's reply mailbox once a resident collected a
letter: verified against ePUAP's certificate and filed on the letter's
:class:`~eurzad.channels.models.EpuapDelivery` (found by the ``IdentyfikatorDokumentu``
the office gave in ``dorecz``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eurzad.channels.documents import ChannelKind, ReceivedDocument
from eurzad.channels.handlers import register
from eurzad.channels.models import ChannelConfig, EpuapDelivery, IntakeRecord
from eurzad.channels.upo import ReceiptError, is_receipt, read_receipt, verify_receipt

__all__ = ["file_upd", "is_upd"]


def is_upd(document: ReceivedDocument) -> bool:
    return document.channel == ChannelKind.EPUAP and is_receipt(document.raw)


def file_upd(document: ReceivedDocument, record: IntakeRecord) -> None:
    """Keep the UPD on the letter it names; raises when it is not a UPD validly signed by
    ePUAP or names no letter of this office (intake then records why)."""
    receipt = read_receipt(document.raw)
    if receipt.kind != "UPD":
        raise ReceiptError(_("To nie jest UPD."))
    config = ChannelConfig.objects.get(kind=ChannelConfig.Kind.EPUAP)
    try:
        verify_receipt(document.raw, config.trusted_provider_certificate)
    except ReceiptError:
        raise ReceiptError(_("UPD nie jest ważnie podpisane przez ePUAP.")) from None
    delivery = (
        EpuapDelivery.objects.select_for_update().filter(reference=receipt.document_id).first()
    )
    if delivery is None:
        raise LookupError(_("UPD dotyczy pisma, którego urząd nie wysłał."))
    delivery.upd_id = receipt.receipt_id[:128]
    delivery.upd_xml = document.raw
    delivery.collected_at = receipt.delivered_at or document.received_at
    delivery.save(update_fields=["upd_id", "upd_xml", "collected_at"])


register("epuap-upd", accepts=is_upd, handle=file_upd)
