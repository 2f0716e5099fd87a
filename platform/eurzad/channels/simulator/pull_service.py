"""The simulated ePUAP WS-Pull service (the same WSDL as the client's): every request must
be WS-Security signed by the certificate registered for its podmiot, and may only reach
that podmiot's own mailbox. Responses and faults are signed with the provider's key."""

from __future__ import annotations

import base64
import logging

from lxml import etree

from eurzad.channels.contrib.epuap.adapter import STATUS_EMPTY, STATUS_OK
from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.simulator.systems import epuap_system
from eurzad.channels.wssecurity import SOAP11, WSSecurityError, sign_envelope, verify_envelope
from eurzad.identity.wk.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = ["OBI", "answer"]

logger = logging.getLogger(__name__)
OBI = "http://wsdl.epuap.gov.pl/obiekty/"
CHANNEL = "epuap"
FAULT_UNKNOWN_PODMIOT = 4001
FAULT_SECURITY = 4003
FAULT_MAILBOX = 4004
FAULT_REQUEST = 4000


class PullFault(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _envelope(payload: etree._Element) -> bytes:
    envelope = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soapenv": SOAP11})
    etree.SubElement(envelope, f"{{{SOAP11}}}Header")
    etree.SubElement(envelope, f"{{{SOAP11}}}Body").append(payload)
    key, certificate = provider_key_and_certificate()
    sign_envelope(envelope, key, certificate)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _fault(fault: PullFault) -> bytes:
    element = etree.Element(f"{{{SOAP11}}}Fault")
    _child(element, "faultcode", "soapenv:Client")
    _child(element, "faultstring", f"Symulator ePUAP: {fault.message}")
    detail = _child(element, "detail")
    exception = etree.SubElement(detail, f"{{{OBI}}}WyjatekPull", nsmap={"obi": OBI})
    _child(exception, "kod", str(fault.code))
    _child(exception, "komunikat", fault.message)
    return _envelope(element)


def _response(tag: str, code: int, message: str) -> etree._Element:
    element = etree.Element(f"{{{OBI}}}{tag}", nsmap={"obi": OBI})
    status = _child(element, "status")
    _child(status, "kod", str(code))
    _child(status, "komunikat", message)
    return element


def _pending(mailbox: str) -> etree._Element:
    response = _response("OdpowiedzPullOczekujace", STATUS_OK, "OK")
    _child(response, "oczekujace", str(mailboxes.count(CHANNEL, mailbox)))
    return response


def _next(mailbox: str, box_name: str) -> etree._Element:
    message = mailboxes.head(CHANNEL, mailbox)
    if message is None:
        return _response("OdpowiedzPullPobierz", STATUS_EMPTY, "Brak dokumentów")
    response = _response("OdpowiedzPullPobierz", STATUS_OK, "OK")
    sender = _child(response, "daneNadawcy")
    _child(sender, "uzytkownik", message.sender_name)
    _child(sender, "system", "Profil Zaufany (symulator)")
    _child(response, "dataNadania", message.sent_at)
    _child(response, "nazwaSkrytki", box_name)
    _child(response, "adresSkrytki", mailbox)
    _child(response, "adresOdpowiedzi", message.sender_address)
    _child(response, "czyTestowe", "true")
    document = _child(response, "dokument")
    _child(document, "nazwaPliku", message.filename)
    _child(document, "typPliku", message.content_type)
    _child(document, "zawartosc", message.content_b64)
    _child(response, "identyfikatorDokumentu", message.message_id)
    _child(response, "upo", message.upo_b64)
    return response


def _confirm(mailbox: str, request: etree._Element) -> etree._Element:
    try:
        digest = base64.b64decode(request.findtext("skrot") or "", validate=True)
    except ValueError:
        raise PullFault(FAULT_REQUEST, "Niepoprawny skrót (invalid digest)") from None
    if not mailboxes.confirm(CHANNEL, mailbox, digest):
        raise PullFault(
            FAULT_REQUEST,
            "Skrót nie odpowiada następnemu dokumentowi (the digest is not the next document's)",
        )
    return _response("OdpowiedzPullPotwierdz", STATUS_OK, "OK")


def _dispatch(body: bytes) -> etree._Element:
    try:
        envelope = parse_xml(body)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise PullFault(FAULT_REQUEST, str(error)) from None
    request = envelope.find(f"{{{SOAP11}}}Body/*")
    if request is None or etree.QName(request).namespace != OBI:
        raise PullFault(FAULT_REQUEST, "Nieznana operacja (unknown operation)")
    podmiot = (request.findtext("podmiot") or "").strip()
    box_name = (request.findtext("nazwaSkrytki") or "").strip()
    mailbox = (request.findtext("adresSkrytki") or "").strip()
    system = epuap_system(podmiot)
    if system is None:
        raise PullFault(FAULT_UNKNOWN_PODMIOT, "Nieznany podmiot (unknown podmiot)")
    try:
        verify_envelope(envelope, system.certificate)
    except WSSecurityError as error:
        logger.info("ePUAP simulator refused a request for podmiot %s: %s", podmiot, error)
        raise PullFault(FAULT_SECURITY, str(error)) from None
    if mailbox != system.address or mailbox != f"/{podmiot}/{box_name}":
        raise PullFault(
            FAULT_MAILBOX,
            "Skrytka nie należy do tego podmiotu (the mailbox does not belong to this podmiot)",
        )
    operation = etree.QName(request).localname
    if operation == "ZapytaniePullOczekujace":
        return _pending(mailbox)
    if operation == "ZapytaniePullPobierz":
        return _next(mailbox, box_name)
    if operation == "ZapytaniePullPotwierdz":
        return _confirm(mailbox, request)
    raise PullFault(FAULT_REQUEST, "Nieznana operacja (unknown operation)")


def answer(body: bytes) -> tuple[int, bytes]:
    """The HTTP status and SOAP envelope answering the request ``body``."""
    try:
        return 200, _envelope(_dispatch(body))
    except PullFault as fault:
        return 500, _fault(fault)
