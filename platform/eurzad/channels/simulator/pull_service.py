"""The simulated ePUAP WS-Pull service, in the shape of ePUAP's published pull.wsdl /
obiektypk.xsd: every request must be WS-Security signed by the certificate registered for
its podmiot, carry its operation's SOAPAction (when it carries one) and may only reach that
podmiot's own mailbox. Answers hold only the published schema's elements; refusals are
SOAP faults with ``obiekty:Wyjatek`` (kod, komunikat). ``potwierdzOdebranie`` removes the
first document only when ``skrot`` is base64 of the SHA-1 of its content. Responses and
faults are signed with the provider's key."""

from __future__ import annotations

import base64
import logging

from lxml import etree

from eurzad.channels.contrib.epuap.adapter import OBI, SOAP_ACTIONS, STATUS_EMPTY, STATUS_OK
from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.simulator.systems import epuap_system
from eurzad.channels.wssecurity import SOAP11, WSSecurityError, sign_envelope, verify_envelope
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = ["OBI", "answer"]

logger = logging.getLogger(__name__)
CHANNEL = "epuap"
FAULT_UNKNOWN_PODMIOT = 4001
FAULT_SECURITY = 4003
FAULT_MAILBOX = 4004
FAULT_REQUEST = 4000
# Each request element and the operation (and so the SOAPAction) it belongs to.
OPERATIONS = {
    "ZapytaniePullOczekujace": "oczekujaceDokumenty",
    "ZapytaniePullPobierz": "pobierzNastepny",
    "ZapytaniePullPotwierdz": "potwierdzOdebranie",
}


class PullFault(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def signed_envelope(payload: etree._Element) -> bytes:
    envelope = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soapenv": SOAP11})
    etree.SubElement(envelope, f"{{{SOAP11}}}Header")
    etree.SubElement(envelope, f"{{{SOAP11}}}Body").append(payload)
    key, certificate = provider_key_and_certificate()
    sign_envelope(envelope, key, certificate)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def fault_envelope(fault: PullFault) -> bytes:
    element = etree.Element(f"{{{SOAP11}}}Fault")
    child(element, "faultcode", "soapenv:Client")
    child(element, "faultstring", f"Symulator ePUAP: {fault.message}")
    detail = child(element, "detail")
    exception = etree.SubElement(detail, f"{{{OBI}}}Wyjatek", nsmap={"obi": OBI})
    child(exception, "kod", str(fault.code))
    child(exception, "komunikat", fault.message)
    return signed_envelope(element)


def _response(tag: str, code: int, message: str) -> etree._Element:
    element = etree.Element(f"{{{OBI}}}{tag}", nsmap={"obi": OBI})
    status = child(element, "status")
    child(status, "kod", str(code))
    child(status, "komunikat", message)
    return element


def _pending(mailbox: str) -> etree._Element:
    response = _response("OdpowiedzPullOczekujace", STATUS_OK, "OK")
    child(response, "oczekujace", str(mailboxes.count(CHANNEL, mailbox)))
    return response


def _extra(message: mailboxes.Message) -> str:
    """``daneDodatkowe``: base64 of a small XML naming the document's id, where the public
    clients look for ``IdentyfikatorDokumentu``."""
    root = etree.Element("DaneDodatkowe")
    child(root, "IdentyfikatorDokumentu", message.message_id)
    return base64.b64encode(etree.tostring(root, encoding="UTF-8")).decode()


def _next(mailbox: str, box_name: str) -> etree._Element:
    message = mailboxes.head(CHANNEL, mailbox)
    if message is None:
        return _response("OdpowiedzPullPobierz", STATUS_EMPTY, "Brak dokumentów")
    response = _response("OdpowiedzPullPobierz", STATUS_OK, "OK")
    subject = child(response, "danePodmiotu")
    child(subject, "identyfikator", message.sender_address.strip("/").split("/")[0])
    child(subject, "typOsoby", "F")
    child(subject, "nazwiskoNazwa", message.sender_name)
    child(subject, "zgoda", "true")
    sender = child(response, "daneNadawcy")
    child(sender, "uzytkownik", message.sender_name)
    child(sender, "system", "Profil Zaufany (symulator)")
    child(response, "dataNadania", message.sent_at)
    child(response, "nazwaSkrytki", box_name)
    child(response, "adresSkrytki", mailbox)
    child(response, "adresOdpowiedzi", message.sender_address)
    child(response, "czyTestowe", "true")
    child(response, "daneDodatkowe", _extra(message))
    document = child(response, "dokument")
    child(document, "nazwaPliku", message.filename)
    child(document, "typPliku", message.content_type)
    child(document, "zawartosc", message.content_b64)
    return response


def _confirm(mailbox: str, request: etree._Element) -> etree._Element:
    skrot = (request.findtext("skrot") or "").strip()
    try:
        digest = base64.b64decode(skrot, validate=True)
    except ValueError:
        raise PullFault(FAULT_REQUEST, "Niepoprawny skrót (invalid digest)") from None
    if len(digest) != 20:
        raise PullFault(
            FAULT_REQUEST, "Skrót nie jest skrótem SHA-1 (the digest is not a SHA-1 digest)"
        )
    if not mailboxes.confirm(CHANNEL, mailbox, digest):
        raise PullFault(
            FAULT_REQUEST,
            "Skrót nie odpowiada następnemu dokumentowi (the digest is not the next document's)",
        )
    return _response("OdpowiedzPullPotwierdz", STATUS_OK, "OK")


def _dispatch(body: bytes, soap_action: str | None) -> etree._Element:
    try:
        envelope = parse_xml(body)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise PullFault(FAULT_REQUEST, str(error)) from None
    request = envelope.find(f"{{{SOAP11}}}Body/*")
    if request is None or etree.QName(request).namespace != OBI:
        raise PullFault(FAULT_REQUEST, "Nieznana operacja (unknown operation)")
    operation = OPERATIONS.get(etree.QName(request).localname)
    if operation is None:
        raise PullFault(FAULT_REQUEST, "Nieznana operacja (unknown operation)")
    action = (soap_action or "").strip().strip('"')
    if action and action != SOAP_ACTIONS[operation]:
        raise PullFault(
            FAULT_REQUEST,
            f"SOAPAction {action!r} nie pasuje do operacji {operation} "
            f"(the SOAPAction does not match the operation)",
        )
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
    if operation == "oczekujaceDokumenty":
        return _pending(mailbox)
    if operation == "pobierzNastepny":
        return _next(mailbox, box_name)
    return _confirm(mailbox, request)


def answer(body: bytes, soap_action: str | None = None) -> tuple[int, bytes]:
    """The HTTP status and SOAP envelope answering the request ``body`` (sent with the
    HTTP header ``SOAPAction: soap_action``, if any)."""
    try:
        return 200, signed_envelope(_dispatch(body, soap_action))
    except PullFault as fault:
        return 500, fault_envelope(fault)
