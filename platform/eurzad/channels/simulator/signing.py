"""The simulated podpis zaufany service (TpSigning5) and the signings it holds.

``addDocumentToSigning`` and ``getSignedDocument`` are answered in the documented shape
(the client's WSDL, :mod:`eurzad.channels.trusted_signature`): each request must be
WS-Security signed by an ePUAP system certificate some town registered (the simulator
finds the town by it, as the service knows the system by its certificate), and a town
fetches only what it handed over itself. The resident signs on the simulator's page
(:mod:`.signing_views`): the document is signed XAdES enveloped with the simulator's
Profil Zaufany key, the signer's data in ``PodpisZP`` and the signature left out of the
digest by the XPath filter, as TpSigning5 does since March 2025. Refusals are SOAP 1.1
faults. Signings live in Redis for an hour, never in a town's schema.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from urllib.parse import urlsplit

from lxml import etree
from zeep import ns

from eurzad.channels.simulator.compose import sign_as_profil_zaufany
from eurzad.channels.simulator.mailboxes import store
from eurzad.channels.simulator.systems import RegisteredSystem, system_with_certificate
from eurzad.channels.trusted_signature.client import SIGNING
from eurzad.channels.wssecurity import SOAP11, WSSecurityError, verify_envelope
from eurzad.core.simulated_people import SimulatedPerson
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = ["PENDING", "Signing", "answer", "cancel", "find", "sign"]

logger = logging.getLogger(__name__)
PREFIX = "eurzad:pz-sim:signing"
TTL_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
PENDING, SIGNED, CANCELLED = "pending", "signed", "cancelled"
OPERATIONS = ("addDocumentToSigning", "getSignedDocument")


@dataclass(frozen=True)
class Signing:
    """One document handed over for signing, and what became of it."""

    token: str
    url: str
    schema: str
    office: str
    document_b64: str
    success_url: str
    failure_url: str
    additional_info: str
    status: str = PENDING
    signed_b64: str = ""

    @property
    def document(self) -> bytes:
        return base64.b64decode(self.document_b64)


class SigningFault(Exception):
    def __init__(self, message: str, code: str = "soapenv:Client") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _key(token: str) -> str:
    return f"{PREFIX}:{token}"


def _save(signing: Signing) -> None:
    store().set(_key(signing.token), json.dumps(asdict(signing)), ex=TTL_SECONDS)


def find(token: str) -> Signing | None:
    """The signing behind ``token`` (the last part of its page's URL), if still held."""
    if not TOKEN.match(token or ""):
        return None
    raw = store().get(_key(token))
    return Signing(**json.loads(raw)) if raw else None


def sign(signing: Signing, person: SimulatedPerson) -> Signing:
    """``person`` signs the document as podpis zaufany does; returns the signing done."""
    signed = sign_as_profil_zaufany(
        parse_xml(signing.document), person, signer_data="PodpisZP", xpath_filter=True
    )
    done = replace(signing, status=SIGNED, signed_b64=base64.b64encode(signed).decode())
    _save(done)
    return done


def cancel(signing: Signing) -> Signing:
    """The resident cancelled: the document stays unsigned."""
    done = replace(signing, status=CANCELLED)
    _save(done)
    return done


# ---------------------------------------------------------------- SOAP


def _envelope(payload: etree._Element) -> bytes:
    envelope = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soapenv": SOAP11})
    etree.SubElement(envelope, f"{{{SOAP11}}}Body").append(payload)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _fault(fault: SigningFault) -> bytes:
    element = etree.Element(f"{{{SOAP11}}}Fault")
    etree.SubElement(element, "faultcode").text = fault.code
    etree.SubElement(element, "faultstring").text = f"Symulator podpisu zaufanego: {fault.message}"
    return _envelope(element)


def _return(operation: str, value: str) -> etree._Element:
    response = etree.Element(f"{{{SIGNING}}}{operation}Response", nsmap={"ns1": SIGNING})
    etree.SubElement(response, f"{operation}Return").text = value
    return response


def _caller(envelope: etree._Element) -> RegisteredSystem:
    """The registered system that signed ``envelope`` (by its BinarySecurityToken)."""
    token = envelope.findtext(
        f"{{{SOAP11}}}Header/{{{ns.WSSE}}}Security/{{{ns.WSSE}}}BinarySecurityToken"
    )
    try:
        der = base64.b64decode("".join((token or "").split()), validate=True)
    except (binascii.Error, ValueError):
        der = b""
    system = system_with_certificate(der)
    if system is None:
        raise SigningFault("Nieznany system (unknown system certificate)")
    try:
        verify_envelope(envelope, system.certificate)
    except WSSecurityError as error:
        logger.info("PZ simulator refused a request of %s: %s", system.schema, error)
        raise SigningFault(str(error)) from None
    return system


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _add(
    request: etree._Element, system: RegisteredSystem, page_url: Callable[[str], str]
) -> etree._Element:
    try:
        document = base64.b64decode((request.findtext("doc") or "").strip(), validate=True)
        parse_xml(document)
    except (binascii.Error, ValueError, UnsafeXMLError, MalformedXMLError):
        raise SigningFault("Dokument nie jest poprawnym XML (the document is not XML)") from None
    success = (request.findtext("successURL") or "").strip()
    failure = (request.findtext("failureURL") or "").strip()
    if not (_absolute(success) and _absolute(failure)):
        raise SigningFault("Niepoprawny successURL lub failureURL (invalid return URL)")
    token = secrets.token_urlsafe(24)
    signing = Signing(
        token=token,
        url=page_url(token),
        schema=system.schema,
        office=system.office,
        document_b64=base64.b64encode(document).decode(),
        success_url=success,
        failure_url=failure,
        additional_info=(request.findtext("additionalInfo") or "").strip(),
    )
    _save(signing)
    return _return("addDocumentToSigning", signing.url)


def _get(request: etree._Element, system: RegisteredSystem) -> etree._Element:
    url = (request.findtext("id") or "").strip()
    signing = find(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    if signing is None or signing.url != url or signing.schema != system.schema:
        raise SigningFault("Nieznany dokument (unknown document id)")
    if signing.status == CANCELLED:
        raise SigningFault("Podpisywanie anulowano (signing was cancelled)")
    if signing.status != SIGNED:
        raise SigningFault("Dokument nie został jeszcze podpisany (not signed yet)")
    return _return("getSignedDocument", signing.signed_b64)


def _dispatch(
    body: bytes, soap_action: str | None, page_url: Callable[[str], str]
) -> etree._Element:
    try:
        envelope = parse_xml(body)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise SigningFault(str(error)) from None
    request = envelope.find(f"{{{SOAP11}}}Body/*")
    if request is None or etree.QName(request).namespace != SIGNING:
        raise SigningFault("Nieznana operacja (unknown operation)")
    operation = etree.QName(request).localname
    if operation not in OPERATIONS:
        raise SigningFault("Nieznana operacja (unknown operation)")
    action = (soap_action or "").strip().strip('"')
    if action and action != operation:
        raise SigningFault(f"SOAPAction {action!r} nie pasuje do operacji {operation}")
    system = _caller(envelope)
    if operation == "addDocumentToSigning":
        return _add(request, system, page_url)
    return _get(request, system)


def answer(
    body: bytes, soap_action: str | None, page_url: Callable[[str], str]
) -> tuple[int, bytes]:
    """The HTTP status and SOAP envelope answering ``body``; ``page_url(token)`` is the
    absolute URL of the signing page of a new signing."""
    try:
        return 200, _envelope(_dispatch(body, soap_action, page_url))
    except SigningFault as fault:
        return 500, _fault(fault)
