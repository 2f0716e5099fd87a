"""Keys, XML signatures and the WK's messages, for the independent test IdP.

Signatures with python-xmlsec (enveloped ECDSA-SHA256, exclusive C14N, SHA-256 digest,
``Reference URI="#<ID>"``, ``ds:Signature`` right after ``saml2:Issuer``, the certificate in
``KeyInfo/X509Data``); the assertion's encryption (ECDH-ES + the WK's length-prefixed
ConcatKDF + AES-KW + AES-256-GCM) by ``tests/identity/wk_reference_builder.py``, which is
built on ``cryptography`` and ``hashlib`` only. Nothing here comes from ``eurzad``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from lxml import etree

from tests.identity.wk_reference_builder import build_encrypted_assertion

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson"
NS = {"saml2": SAML, "saml2p": SAMLP, "ds": DS, "soap": SOAP, "md": MD, "xenc": XENC}
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
LOA_SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial"
ARTIFACT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"

# All declarations on the ArtifactResponse, as in the public int.login.gov.pl sample.
ARTIFACT_RESPONSE_NAMESPACES = (
    ' xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"'
    ' xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol"'
    ' xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
    ' xmlns:dsig11="http://www.w3.org/2009/xmldsig11#"'
    ' xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"'
    ' xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"'
    ' xmlns:eidas="http://eidas.europa.eu/saml-extensions"'
    ' xmlns:naturalperson="http://eidas.europa.eu/attributes/naturalperson"'
)

# Never resolve entities, never touch the network, refuse huge trees.
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


class Refused(Exception):
    """The IdP will not answer this request (bad signature, unknown SP, ...)."""


# --------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class KeyPair:
    key_pem: bytes
    cert_pem: bytes

    @property
    def public_key(self) -> ec.EllipticCurvePublicKey:
        key = x509.load_pem_x509_certificate(self.cert_pem).public_key()
        assert isinstance(key, ec.EllipticCurvePublicKey)
        return key


def new_key_pair(common_name: str) -> KeyPair:
    """A fresh P-256 key and a self-signed certificate for it. TEST KEYS."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TEST ONLY"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return KeyPair(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def pem_from_base64_der(text: str) -> bytes:
    der = base64.b64decode("".join(text.split()))
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


# --------------------------------------------------------------------------- signatures


def sign(element: etree._Element, keys: KeyPair) -> etree._Element:
    """Enveloped ECDSA-SHA256 signature of ``element`` (which has an ``ID``), placed right
    after its ``saml2:Issuer``."""
    signature = xmlsec.template.create(
        element, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformEcdsaSha256, ns="ds"
    )
    issuer = element.find("saml2:Issuer", NS)
    assert issuer is not None, "sign: no saml2:Issuer"
    issuer.addnext(signature)
    reference = xmlsec.template.add_reference(
        signature, xmlsec.constants.TransformSha256, uri="#" + element.get("ID")
    )
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    c14n = xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    inclusive = etree.SubElement(
        c14n,
        "{http://www.w3.org/2001/10/xml-exc-c14n#}InclusiveNamespaces",
        nsmap={None: "http://www.w3.org/2001/10/xml-exc-c14n#"},
    )
    inclusive.set("PrefixList", "ds saml2 saml2p xenc")
    key_info = xmlsec.template.ensure_key_info(signature)
    x509_data = xmlsec.template.add_x509_data(key_info)
    xmlsec.template.x509_data_add_certificate(x509_data)
    xmlsec.tree.add_ids(element, ["ID"])
    context = xmlsec.SignatureContext()
    key = xmlsec.Key.from_memory(keys.key_pem, xmlsec.constants.KeyDataFormatPem)
    key.load_cert_from_memory(keys.cert_pem, xmlsec.constants.KeyDataFormatCertPem)
    context.key = key
    context.sign(signature)
    return signature


def verify(element: etree._Element, cert_pem: bytes) -> None:
    """``element`` carries exactly one ``ds:Signature`` child, enveloped, referencing its
    own ``ID`` and valid for ``cert_pem``; else :class:`Refused`."""
    signatures = element.findall("ds:Signature", NS)
    if len(signatures) != 1:
        raise Refused(f"{etree.QName(element).localname}: {len(signatures)} signatures")
    signature = signatures[0]
    references = signature.findall("ds:SignedInfo/ds:Reference", NS)
    element_id = element.get("ID") or ""
    if len(references) != 1 or references[0].get("URI") != "#" + element_id or not element_id:
        raise Refused("the signature does not reference the signed element")
    xmlsec.tree.add_ids(element, ["ID"])
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(cert_pem, xmlsec.constants.KeyDataFormatCertPem)
    try:
        context.verify(signature)
    except xmlsec.Error as error:
        raise Refused(f"invalid signature: {error}") from error


def parse(data: bytes) -> etree._Element:
    if b"<!DOCTYPE" in data.upper():
        raise Refused("DOCTYPE in a SAML message")
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        raise Refused(f"not XML: {error}") from error


# --------------------------------------------------------------------------- artifacts


def new_artifact(idp_entity_id: str) -> str:
    """SAMLart: type 0x0004, endpoint index 0, SourceID = SHA-1(entityID), 20 random bytes."""
    raw = (
        b"\x00\x04"
        + b"\x00\x00"
        + hashlib.sha1(idp_entity_id.encode()).digest()
        + secrets.token_bytes(20)
    )
    return base64.b64encode(raw).decode("ascii")


# --------------------------------------------------------------------------- messages


def new_id() -> str:
    return f"ID-{uuid.uuid4()}"


def instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass(frozen=True)
class Person:
    pesel: str
    given_name: str
    family_name: str
    date_of_birth: str  # xs:date with a zone, e.g. 1944-05-14Z

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True)
class AssertionFacts:
    idp_entity_id: str
    sp_entity_id: str
    acs_url: str
    in_response_to: str
    person: Person
    issued: dt.datetime
    lifetime: dt.timedelta = dt.timedelta(minutes=5)
    audience: str | None = None  # None: the SP's entity id

    @property
    def audience_value(self) -> str:
        return self.sp_entity_id if self.audience is None else self.audience


def assertion_xml(facts: AssertionFacts, *, declare_namespaces: bool = True) -> str:
    """The WK's Assertion, UNSIGNED as the WK sends it."""
    person = facts.person
    issued = instant(facts.issued)
    expires = instant(facts.issued + facts.lifetime)
    values = {
        "CurrentGivenName": person.given_name,
        "CurrentFamilyName": person.family_name,
        "DateOfBirth": person.date_of_birth,
        "PersonIdentifier": person.pesel,
    }
    attributes = "".join(
        f'<saml2:Attribute FriendlyName="{name}" Name="{NATURAL_PERSON}/{name}"'
        ' NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
        f'<saml2:AttributeValue xsi:type="naturalperson:{name}Type">{value}'
        "</saml2:AttributeValue></saml2:Attribute>"
        for name, value in values.items()
    )
    declarations = (
        f' xmlns:saml2="{SAML}" xmlns:xsi="{XSI}" xmlns:naturalperson="{NATURAL_PERSON}"'
        if declare_namespaces
        else f' xmlns:xsi="{XSI}"'
    )
    return (
        f'<saml2:Assertion{declarations} ID="{new_id()}" IssueInstant="{issued}"'
        ' Version="2.0">'
        f"<saml2:Issuer>{facts.idp_entity_id}</saml2:Issuer>"
        "<saml2:Subject>"
        '<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">'
        f"{person.pesel}</saml2:NameID>"
        '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml2:SubjectConfirmationData InResponseTo="{facts.in_response_to}"'
        f' NotOnOrAfter="{expires}" Recipient="{facts.acs_url}"/>'
        "</saml2:SubjectConfirmation>"
        "</saml2:Subject>"
        f'<saml2:Conditions NotBefore="{issued}" NotOnOrAfter="{expires}">'
        "<saml2:AudienceRestriction>"
        f"<saml2:Audience>{facts.audience_value}</saml2:Audience>"
        "</saml2:AudienceRestriction></saml2:Conditions>"
        f'<saml2:AuthnStatement AuthnInstant="{issued}" SessionIndex="{new_id()}">'
        f"<saml2:AuthnContext><saml2:AuthnContextClassRef>{LOA_SUBSTANTIAL}"
        "</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>"
        f"<saml2:AttributeStatement>{attributes}</saml2:AttributeStatement>"
        "</saml2:Assertion>"
    )


def encrypted_assertion_xml(facts: AssertionFacts, recipient: ec.EllipticCurvePublicKey) -> str:
    """``saml2:EncryptedAssertion`` for ``recipient`` (the SP certificate's key), with
    PartyUInfo = the IdP's entity id and PartyVInfo = the SP's."""
    built = build_encrypted_assertion(
        assertion_xml(facts).encode("utf-8"),
        recipient,
        party_u_info=facts.idp_entity_id.encode(),
        party_v_info=facts.sp_entity_id.encode(),
        data_id="_" + secrets.token_hex(16),
        key_id="_" + secrets.token_hex(16),
    )
    return built.xml


def response_xml(
    *,
    response_id: str,
    idp_entity_id: str,
    in_response_to: str,
    acs_url: str,
    issued: dt.datetime,
    content: str,
) -> str:
    """``saml2p:Response`` (no namespace declarations: they live on the ArtifactResponse)."""
    return (
        f'<saml2p:Response Destination="{acs_url}" ID="{response_id}"'
        f' InResponseTo="{in_response_to}" IssueInstant="{instant(issued)}" Version="2.0">'
        f"<saml2:Issuer>{idp_entity_id}</saml2:Issuer>"
        f'<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>'
        f"{content}"
        "</saml2p:Response>"
    )


def artifact_response_xml(
    *, idp_entity_id: str, in_response_to: str, issued: dt.datetime, content: str
) -> str:
    return (
        f'<saml2p:ArtifactResponse{ARTIFACT_RESPONSE_NAMESPACES} ID="{new_id()}"'
        f' InResponseTo="{in_response_to}" IssueInstant="{instant(issued)}" Version="2.0">'
        f"<saml2:Issuer>{idp_entity_id}</saml2:Issuer>"
        f'<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>'
        f"{content}"
        "</saml2p:ArtifactResponse>"
    )


def soap_envelope(body: bytes | str, *, prolog: str = "") -> bytes:
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP}"><SOAP-ENV:Header/>'
        f"<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def to_bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="utf-8")
