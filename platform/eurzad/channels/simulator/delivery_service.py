"""The simulated ePUAP WS-Doręczyciel ``dorecz``, in the shape of ePUAP's published
doreczyciel.wsdl: the fields come as SOAP header elements of the obiekty namespace, the
Body is ``obiekty:Dokument``; the request must be WS-Security signed by the certificate
registered for its podmiot, carry the operation's SOAPAction (when it carries one), name
the podmiot's own mailbox as ``AdresOdpowiedzi``. The letter goes to the recipient's
simulated inbox (:mod:`~eurzad.channels.simulator.inboxes`); the answer is
``OdpowiedzDoreczyciela``, refusals a SOAP fault with ``obiekty:Wyjatek``."""

from __future__ import annotations

import base64
import binascii
import logging
import re

from lxml import etree

from eurzad.channels.contrib.epuap.adapter import OBI, STATUS_OK
from eurzad.channels.contrib.epuap.sender import SOAP_ACTION
from eurzad.channels.simulator import inboxes
from eurzad.channels.simulator.pull_service import (
    FAULT_MAILBOX,
    FAULT_REQUEST,
    FAULT_SECURITY,
    FAULT_UNKNOWN_PODMIOT,
    PullFault,
    child,
    fault_envelope,
    signed_envelope,
)
from eurzad.channels.simulator.systems import epuap_system
from eurzad.channels.wssecurity import SOAP11, WSSecurityError, verify_envelope
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml
from eurzad.parties.addresses import EPUAP_INBOX

__all__ = ["answer"]

logger = logging.getLogger(__name__)
REQUIRED_HEADERS = ("IdentyfikatorPodmiotu", "AdresSkrytki", "AdresOdpowiedzi")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BOOLEAN = re.compile(r"^(true|false|1|0)$")


def _header(envelope: etree._Element, name: str) -> str:
    element = envelope.find(f"{{{SOAP11}}}Header/{{{OBI}}}{name}")
    return (element.text or "").strip() if element is not None else ""


def _document(envelope: etree._Element) -> tuple[str, str, bytes]:
    body = envelope.find(f"{{{SOAP11}}}Body")
    parts = [child for child in body if isinstance(child.tag, str)] if body is not None else []
    if len(parts) != 1 or parts[0].tag != f"{{{OBI}}}Dokument":
        raise PullFault(FAULT_REQUEST, "Nieznana operacja (unknown operation)")
    document = parts[0]
    if [child.tag for child in document] not in (
        ["nazwaPliku", "typPliku", "zawartosc"],
        ["nazwaPliku", "zawartosc"],
    ):
        raise PullFault(FAULT_REQUEST, "Dokument: nazwaPliku, typPliku?, zawartosc")
    try:
        content = base64.b64decode(document.findtext("zawartosc") or "", validate=True)
    except (binascii.Error, ValueError):
        raise PullFault(FAULT_REQUEST, "Niepoprawna zawartość (invalid zawartosc)") from None
    return document.findtext("nazwaPliku") or "", document.findtext("typPliku") or "", content


def _order(body: bytes, soap_action: str | None) -> etree._Element:
    try:
        envelope = parse_xml(body)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise PullFault(FAULT_REQUEST, str(error)) from None
    filename, content_type, content = _document(envelope)
    action = (soap_action or "").strip().strip('"')
    if action and action != SOAP_ACTION:
        raise PullFault(
            FAULT_REQUEST,
            f"SOAPAction {action!r} nie pasuje do operacji dorecz "
            "(the SOAPAction does not match the operation)",
        )
    values = {name: _header(envelope, name) for name in REQUIRED_HEADERS}
    if not all(values.values()):
        raise PullFault(FAULT_REQUEST, "Brak nagłówka (missing header): " + ", ".join(values))
    trial = _header(envelope, "CzyProbne") or "false"
    if not BOOLEAN.match(trial):
        raise PullFault(FAULT_REQUEST, "CzyProbne: xsd:boolean")
    system = epuap_system(values["IdentyfikatorPodmiotu"])
    if system is None:
        raise PullFault(FAULT_UNKNOWN_PODMIOT, "Nieznany podmiot (unknown podmiot)")
    try:
        verify_envelope(envelope, system.certificate)
    except WSSecurityError as error:
        logger.info("ePUAP simulator refused a delivery order: %s", error)
        raise PullFault(FAULT_SECURITY, str(error)) from None
    if values["AdresOdpowiedzi"] != system.address:
        raise PullFault(
            FAULT_MAILBOX,
            "Skrytka nie należy do tego podmiotu (the mailbox does not belong to this podmiot)",
        )
    if not EPUAP_INBOX.match(values["AdresSkrytki"]):
        raise PullFault(FAULT_MAILBOX, "Nieznany adres skrytki (unknown mailbox address)")
    response = etree.Element(f"{{{OBI}}}OdpowiedzDoreczyciela", nsmap={"obi": OBI})
    status = child(response, "status")
    child(status, "kod", str(STATUS_OK))
    child(status, "komunikat", "OK")
    if trial in ("true", "1"):  # a trial delivery is checked, not delivered
        child(response, "identyfikatorDokumentu").set(f"{{{XSI}}}nil", "true")
        child(response, "identyfikatorZlecenia").set(f"{{{XSI}}}nil", "true")
        return response
    letter = inboxes.deliver(
        podmiot=values["IdentyfikatorPodmiotu"],
        office=system.office,
        recipient=values["AdresSkrytki"],
        reply_to=values["AdresOdpowiedzi"],
        sender_document_id=_header(envelope, "IdentyfikatorDokumentu"),
        case_id=_header(envelope, "IdentyfikatorSprawy"),
        filename=filename,
        content_type=content_type,
        content_b64=base64.b64encode(content).decode(),
        deadline=_header(envelope, "TerminDoreczenia"),
    )
    child(response, "identyfikatorDokumentu", letter.document_id)
    child(response, "identyfikatorZlecenia", letter.order_id)
    return response


def answer(body: bytes, soap_action: str | None = None) -> tuple[int, bytes]:
    """The HTTP status and SOAP envelope answering a ``dorecz`` request."""
    try:
        return 200, signed_envelope(_order(body, soap_action))
    except PullFault as fault:
        return 500, fault_envelope(fault)
