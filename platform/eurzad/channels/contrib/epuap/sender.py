"""Sending the office's letters through ePUAP's WS-Doręczyciel (``dorecz``) to a
recipient who has no e-Doręczenia address, and reading back the UPD.

The shapes follow ePUAP's published doreczyciel.wsdl / obiektypk.xsd (see
docs/integrations/epuap.md, "Sending"): SOAPAction
``http://ws.epuap.gov.pl/doreczyciel/dorecz``; every field but the document is a SOAP
header element of ``http://wsdl.epuap.gov.pl/obiekty/``; the Body is ``obiekty:Dokument``
(``nazwaPliku``, ``typPliku``, ``zawartosc``); the answer ``OdpowiedzDoreczyciela``
(``status``, ``identyfikatorDokumentu``, ``identyfikatorZlecenia``). Requests are
WS-Security signed with the town's system certificate, answers checked against ePUAP's.

ePUAP has no operation to ask for the UPD: it sends the UPD, once the recipient collected
the letter, to the office's reply mailbox (``adresOdpowiedzi``), from where WS-Pull takes
it in and :mod:`eurzad.channels.contrib.epuap.receipts` files it on the
:class:`~eurzad.channels.models.EpuapDelivery`; :meth:`EpuapSender.evidence` reads it there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.channels.contrib.epuap.adapter import STATUS_OK, epuap_errors
from eurzad.channels.contrib.epuap.letter import signed_letter
from eurzad.channels.contrib.epuap.soap import SignedServiceClient
from eurzad.channels.models import EpuapDelivery
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import (
    DeliveryEvidence,
    DeliveryState,
    Dispatch,
    OutgoingLetter,
    register_sender,
)
from eurzad.channels.services import office_name
from eurzad.parties.addresses import EPUAP_INBOX

__all__ = [
    "BINDING",
    "DELIVERY_DAYS",
    "SOAP_ACTION",
    "WSDL",
    "DeliveryOrder",
    "DoreczycielClient",
    "EpuapSender",
]

WSDL = Path(__file__).resolve().parent / "wsdl" / "doreczyciel.wsdl"
DORECZYCIEL = "http://ws.epuap.gov.pl/doreczyciel/"
BINDING = f"{{{DORECZYCIEL}}}doreczyciel"
SOAP_ACTION = f"{DORECZYCIEL}dorecz"
# terminDoreczenia: a letter not collected within 14 days is deemed delivered
# (Kodeks postępowania administracyjnego, art. 46 § 4).
DELIVERY_DAYS = 14
LETTER_FILENAME = "pismo.xml"
LETTER_CONTENT_TYPE = "text/xml"


@dataclass(frozen=True)
class DeliveryOrder:
    """ePUAP's answer to ``dorecz``."""

    document_id: str
    order_id: str


class DoreczycielClient(SignedServiceClient):
    """A zeep client for ePUAP's WS-Doręczyciel ``dorecz``, WS-Security signed."""

    wsdl = WSDL
    binding = BINDING

    def address(self) -> str:
        return self.config.delivery_endpoint

    def dorecz(
        self,
        *,
        recipient: str,
        document: bytes,
        document_id: str,
        case_id: str = "",
        deadline: dt.datetime,
        filename: str = LETTER_FILENAME,
        content_type: str = LETTER_CONTENT_TYPE,
        trial: bool = False,
    ) -> DeliveryOrder:
        """Order the delivery of ``document`` to the mailbox ``recipient``; ``document_id``
        (ours) and ``case_id`` are put into the UPD ePUAP issues."""
        headers: dict[str, Any] = {
            "podmiot": self.config.podmiot_id,
            "adresSkrytki": recipient,
            "adresOdpowiedzi": self.config.mailbox_address,
            "terminDoreczenia": deadline,
            "czyProbne": trial,
            "identyfikatorDokumentu": document_id,
        }
        if case_id:
            headers["identyfikatorSprawy"] = case_id
        with epuap_errors():
            response = self.service.dorecz(
                nazwaPliku=filename,
                typPliku=content_type,
                zawartosc=document,
                _soapheaders=headers,
            )
        if response.status.kod != STATUS_OK:
            raise ChannelError(
                _("ePUAP zgłosił błąd")
                + f": {response.status.kod} {response.status.komunikat or ''}".rstrip()
            )
        return DeliveryOrder(
            document_id=str(response.identyfikatorDokumentu or ""),
            order_id=str(response.identyfikatorZlecenia or ""),
        )


class EpuapSender:
    """:class:`~eurzad.channels.sending.ChannelSender` for ePUAP (WS-Doręczyciel)."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self.client = DoreczycielClient(config)

    def send(self, letter: OutgoingLetter) -> Dispatch:
        if not EPUAP_INBOX.match(letter.recipient_address or ""):
            raise ChannelError(
                _("Adres skrytki ePUAP ma postać /identyfikator-podmiotu/skrytka.")
                + f" {letter.recipient_address!r}"
            )
        existing = EpuapDelivery.objects.filter(reference=letter.reference).first()
        if existing is not None:  # sent already: never twice
            return Dispatch(message_id=existing.message_id, sent_at=existing.sent_at)
        sent_at = timezone.now().replace(microsecond=0)
        document = signed_letter(
            letter,
            office_name(),
            self.config.system_private_key,
            self.config.system_certificate,
        )
        order = self.client.dorecz(
            recipient=letter.recipient_address,
            document=document,
            document_id=letter.reference,
            case_id=letter.case_sign,
            deadline=sent_at + dt.timedelta(days=DELIVERY_DAYS),
        )
        message_id = order.document_id or order.order_id or letter.reference
        EpuapDelivery.objects.create(
            reference=letter.reference,
            message_id=message_id,
            order_id=order.order_id,
            recipient=letter.recipient_address,
            case_sign=letter.case_sign,
            sent_at=sent_at,
        )
        return Dispatch(message_id=message_id, sent_at=sent_at)

    def evidence(self, dispatch: Dispatch) -> list[DeliveryEvidence]:
        delivery = EpuapDelivery.objects.filter(message_id=dispatch.message_id).first()
        if delivery is None or not delivery.upd_xml or delivery.collected_at is None:
            return []
        return [
            DeliveryEvidence(
                kind="UPD",
                evidence_id=delivery.upd_id,
                issued_at=delivery.collected_at,
                state=DeliveryState.DELIVERED,
                content=bytes(delivery.upd_xml),
            )
        ]


register_sender("epuap", EpuapSender)
