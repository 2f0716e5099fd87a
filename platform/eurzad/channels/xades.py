"""Enveloped XAdES-BES signatures on ``wnio:Dokument`` (Profil Zaufany and the like).

Verification (:func:`verify`) trusts only certificates issued by a configured authority
(``EPUAP_TRUSTED_CA_FILE``, plus the simulator's Profil Zaufany CA when simulators are
on), and checks, before libxmlsec1 re-checks it all cryptographically:

* exactly one ``ds:Signature`` in the document, a child of the root (no wrapping);
* exactly two references: the whole document (``URI=""``, enveloped) and the
  ``xades:SignedProperties`` of this very signature, nothing else; the document's
  signature is left out either by the enveloped-signature transform or by the one XPath
  filter that means the same, ``not(ancestor-or-self::ds:Signature)`` (what the
  TpSigning5 service writes, docs/integrations/podpis-zaufany.md) — no other XPath;
* the ``SigningCertificate`` digest names the certificate in ``KeyInfo``;
* the signer's identity is read only from inside the signed properties
  (``EPSignature``, or the older ``PodpisZP``), so it is covered by the signature.

:func:`sign` makes such a signature; the simulator signs as Profil Zaufany with it.
Error messages never carry a PESEL.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import xmlsec
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from stdnum.pl import pesel as pesel_number

from eurzad.channels.documents import Signer
from eurzad.channels.simulator.keys import profil_zaufany_ca
from eurzad.core.xmlsecurity.xmlsafe import parse_xml

__all__ = [
    "SignatureInvalid",
    "SignerIdentity",
    "enveloped_content",
    "podpis_zp",
    "sign",
    "trusted_authorities",
    "verify",
]

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
PZ = "http://crd.gov.pl/xml/schematy/podpis_zaufany/"
PPZP = "http://crd.gov.pl/xml/schematy/ppzp/"
PPZP_OSOBA = "http://crd.gov.pl/xml/schematy/osoba/2009/03/06/"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
# The only XPath accepted: it drops the signature itself, as the enveloped transform does.
SIGNATURE_FILTER = "not(ancestor-or-self::ds:Signature)"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"
# CertDigest only names the signing certificate (whose key must still verify the
# signature and which must chain to a trusted authority), so the digests public ePUAP
# signers write there are accepted, SHA-1 included; references stay SHA-256.
CERT_DIGESTS = {SHA1: hashlib.sha1, SHA256: hashlib.sha256, SHA512: hashlib.sha512}

ALLOWED_C14N = frozenset({EXC_C14N, C14N})
ALLOWED_METHODS = frozenset({RSA_SHA256, ECDSA_SHA256})
ALLOWED_TRANSFORMS = frozenset({ENVELOPED, EXC_C14N, C14N})
_ID_ATTRIBUTES = ("Id", "ID", "id", "{http://www.w3.org/XML/1998/namespace}id")


class SignatureInvalid(ValueError):
    """The document is not signed, or not validly signed by a trusted signer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class SignerIdentity:
    """What Profil Zaufany states about the person who signed (put into ``EPSignature``)."""

    given_names: str
    surname: str
    pesel: str
    date_of_birth: dt.date


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _as_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


# ---------------------------------------------------------------- trust store


def _load_bundle(data: bytes) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(data) if data.strip() else []


@lru_cache(maxsize=4)
def _bundle_from_file(path: str) -> tuple[x509.Certificate, ...]:
    return tuple(_load_bundle(Path(path).read_bytes()))


def trusted_authorities() -> list[x509.Certificate]:
    """The certificates of the authorities whose signers are trusted."""
    authorities: list[x509.Certificate] = []
    if settings.EPUAP_TRUSTED_CA_FILE:
        authorities.extend(_bundle_from_file(settings.EPUAP_TRUSTED_CA_FILE))
    if settings.SIMULATORS_ENABLED:
        authorities.append(x509.load_pem_x509_certificate(profil_zaufany_ca()[1].encode()))
    return authorities


def _check_trusted(certificate: x509.Certificate, authorities: Iterable[x509.Certificate]) -> None:
    now = dt.datetime.now(dt.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SignatureInvalid(_("Certyfikat podpisu jest nieważny."))
    for authority in authorities:
        if authority == certificate:
            return
        try:
            certificate.verify_directly_issued_by(authority)
        except (ValueError, TypeError, InvalidSignature):  # not issued by this authority
            continue
        return
    raise SignatureInvalid(_("Podpis złożono certyfikatem spoza zaufanych wystawców."))


# ---------------------------------------------------------------- signing


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def _ep_signature(identity: SignerIdentity, issued_at: dt.datetime) -> etree._Element:
    root = etree.Element(_q(PZ, "EPSignature"), nsmap={"pz": PZ})
    person = etree.SubElement(root, _q(PZ, "NaturalPerson"))
    _text(person, _q(PZ, "CurrentFamilyName"), identity.surname)
    _text(person, _q(PZ, "FirstName"), identity.given_names)
    _text(person, _q(PZ, "DateOfBirth"), identity.date_of_birth.isoformat())
    _text(person, _q(PZ, "PersonalIdentifier"), identity.pesel)
    data = etree.SubElement(root, _q(PZ, "SignatureData"))
    _text(data, _q(PZ, "IdentityIssuer"), "Profil Zaufany")
    _text(data, _q(PZ, "IdentityIssueTimestamp"), issued_at.isoformat(timespec="seconds"))
    return root


def podpis_zp(identity: SignerIdentity) -> etree._Element:
    """The signer's data in the ``PodpisZP`` shape (what TpSigning5 writes since March
    2025): ``DaneZP/DaneZPOsobyFizycznej`` with ``os:Nazwisko``, ``os:Imie``, ``os:PESEL``,
    and ``DanePodpisu/IdKontaUzytkownikaEpuap`` (docs/integrations/podpis-zaufany.md)."""
    root = etree.Element(_q(PPZP, "PodpisZP"), nsmap={"ppZP": PPZP, "os": PPZP_OSOBA})
    person = etree.SubElement(
        etree.SubElement(root, _q(PPZP, "DaneZP")), _q(PPZP, "DaneZPOsobyFizycznej")
    )
    surname = _text(person, _q(PPZP_OSOBA, "Nazwisko"), identity.surname)
    surname.set(_q(PPZP_OSOBA, "rodzajCzlonu"), "pierwszy")
    _text(person, _q(PPZP_OSOBA, "Imie"), identity.given_names)
    _text(person, _q(PPZP_OSOBA, "PESEL"), identity.pesel)
    # An account name that does not reveal the PESEL (a real one is the ePUAP login).
    account = "pz-" + hashlib.sha256(identity.pesel.encode()).hexdigest()[:10]
    _text(
        etree.SubElement(root, _q(PPZP, "DanePodpisu")),
        _q(PPZP, "IdKontaUzytkownikaEpuap"),
        account,
    )
    return root


def _add_signature_filter(reference: etree._Element) -> None:
    transform = xmlsec.template.add_transform(reference, xmlsec.constants.TransformXPath)
    _text(transform, _q(DS, "XPath"), SIGNATURE_FILTER)


def sign(
    root: etree._Element,
    private_key_pem: bytes | str,
    certificate_pem: bytes | str,
    identity: SignerIdentity | None = None,
    *,
    signed_at: dt.datetime | None = None,
    signer_data: Literal["EPSignature", "PodpisZP"] = "EPSignature",
    xpath_filter: bool = False,
) -> etree._Element:
    """Sign the document ``root`` in place with an enveloped XAdES-BES signature and
    return the ``ds:Signature``. With ``identity`` the signed properties carry the
    signer's data in ``SignerRole/ClaimedRoles`` as Profil Zaufany does: an
    ``EPSignature``, or with ``signer_data="PodpisZP"`` a ``PodpisZP``. ``xpath_filter``
    leaves the signature out of the document's digest by the XPath filter TpSigning5
    uses instead of the enveloped-signature transform."""
    signed_at = signed_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    certificate = x509.load_pem_x509_certificate(_as_bytes(certificate_pem))
    token = secrets.token_hex(8)
    signature_id, properties_id = f"Signature-{token}", f"SignedProperties-{token}"
    document_reference_id = f"Reference-{token}-document"

    signature = xmlsec.template.create(
        root,
        xmlsec.constants.TransformExclC14N,
        xmlsec.constants.TransformRsaSha256,
        id=signature_id,
        ns="ds",
    )
    root.append(signature)
    reference = xmlsec.template.add_reference(
        signature, xmlsec.constants.TransformSha256, id=document_reference_id, uri=""
    )
    if xpath_filter:
        _add_signature_filter(reference)
    else:
        xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
        xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    properties_reference = xmlsec.template.add_reference(
        signature,
        xmlsec.constants.TransformSha256,
        uri=f"#{properties_id}",
        type=SIGNED_PROPERTIES_TYPE,
    )
    xmlsec.template.add_transform(properties_reference, xmlsec.constants.TransformExclC14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    xmlsec.template.x509_data_add_certificate(xmlsec.template.add_x509_data(key_info))

    container = etree.SubElement(signature, _q(DS, "Object"))
    qualifying = etree.SubElement(
        container,
        _q(XADES, "QualifyingProperties"),
        nsmap={"xades": XADES},
        Target=f"#{signature_id}",
    )
    properties = etree.SubElement(qualifying, _q(XADES, "SignedProperties"), Id=properties_id)
    signature_properties = etree.SubElement(properties, _q(XADES, "SignedSignatureProperties"))
    _text(signature_properties, _q(XADES, "SigningTime"), signed_at.isoformat(timespec="seconds"))
    cert = etree.SubElement(
        etree.SubElement(signature_properties, _q(XADES, "SigningCertificate")), _q(XADES, "Cert")
    )
    digest = etree.SubElement(cert, _q(XADES, "CertDigest"))
    etree.SubElement(digest, _q(DS, "DigestMethod"), Algorithm=SHA256)
    _text(
        digest,
        _q(DS, "DigestValue"),
        base64.b64encode(
            hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).digest()
        ).decode(),
    )
    serial = etree.SubElement(cert, _q(XADES, "IssuerSerial"))
    _text(serial, _q(DS, "X509IssuerName"), certificate.issuer.rfc4514_string())
    _text(serial, _q(DS, "X509SerialNumber"), str(certificate.serial_number))
    if identity is not None:
        role = etree.SubElement(
            etree.SubElement(
                etree.SubElement(signature_properties, _q(XADES, "SignerRole")),
                _q(XADES, "ClaimedRoles"),
            ),
            _q(XADES, "ClaimedRole"),
        )
        role.append(
            podpis_zp(identity) if signer_data == "PodpisZP" else _ep_signature(identity, signed_at)
        )
    data_objects = etree.SubElement(properties, _q(XADES, "SignedDataObjectProperties"))
    data_format = etree.SubElement(
        data_objects, _q(XADES, "DataObjectFormat"), ObjectReference=f"#{document_reference_id}"
    )
    _text(data_format, _q(XADES, "MimeType"), "text/xml")

    key = xmlsec.Key.from_memory(_as_bytes(private_key_pem), xmlsec.constants.KeyDataFormatPem)
    key.load_cert_from_memory(_as_bytes(certificate_pem), xmlsec.constants.KeyDataFormatCertPem)
    context = xmlsec.SignatureContext()
    context.key = key
    context.register_id(properties, "Id")
    context.sign(signature)
    return signature


# ---------------------------------------------------------------- verification


def _invalid_structure(detail: str) -> SignatureInvalid:
    return SignatureInvalid(_("Podpis dokumentu ma niedozwoloną budowę") + f": {detail}")


def _one(parent: etree._Element, path: str, what: str) -> etree._Element:
    found = parent.findall(path, namespaces={"ds": DS, "xades": XADES})
    if len(found) != 1:
        raise _invalid_structure(what)
    return found[0]


def _element_ids(root: etree._Element) -> list[str]:
    return [
        value
        for node in root.iter(etree.Element)
        for name in _ID_ATTRIBUTES
        if (value := node.get(name)) is not None
    ]


def _is_signature_filter(transform: etree._Element) -> bool:
    """Whether ``transform`` is the XPath filter that only leaves the signature out."""
    if transform.get("Algorithm") != XPATH:
        return False
    expressions = list(transform)
    return (
        len(expressions) == 1
        and expressions[0].tag == _q(DS, "XPath")
        and expressions[0].nsmap.get("ds") == DS
        and (expressions[0].text or "").strip() == SIGNATURE_FILTER
    )


def _check_transforms(reference: etree._Element, *, whole_document: bool) -> None:
    for transform in reference.findall("ds:Transforms/ds:Transform", namespaces={"ds": DS}):
        if transform.get("Algorithm") in ALLOWED_TRANSFORMS:
            continue
        # The filter only on the document's reference: the signed properties sit inside
        # the signature, so there it would leave nothing to digest.
        if whole_document and _is_signature_filter(transform):
            continue
        raise _invalid_structure("transform")


def _digest_of(data: bytes, algorithm: str) -> bytes:
    if algorithm != SHA256:
        raise _invalid_structure("digest")
    return hashlib.sha256(data).digest()


def _c14n(element: etree._Element, reference: etree._Element) -> bytes:
    algorithms = [
        t.get("Algorithm")
        for t in reference.findall("ds:Transforms/ds:Transform", namespaces={"ds": DS})
    ]
    # XML-DSig turns the node-set a reference ends with into octets by inclusive C14N
    # unless a transform names another canonicalisation.
    exclusive = EXC_C14N in algorithms and C14N not in algorithms
    return etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=False)


def _digest_matches(reference: etree._Element, canonical: bytes) -> bool:
    method = _one(reference, "ds:DigestMethod", "DigestMethod").get("Algorithm", "")
    expected = base64.b64decode(
        _one(reference, "ds:DigestValue", "DigestValue").text or "", validate=False
    )
    return _digest_of(canonical, method) == expected


def _signed_structure(
    root: etree._Element,
) -> tuple[etree._Element, etree._Element, etree._Element, etree._Element]:
    """Return (signature, document reference, properties reference, SignedProperties)."""
    signatures = list(root.iter(_q(DS, "Signature")))
    if not signatures:
        raise SignatureInvalid(_("Dokument nie jest podpisany."))
    if len(signatures) != 1 or signatures[0].getparent() is not root:
        raise _invalid_structure("ds:Signature")
    signature = signatures[0]
    signed_info = _one(signature, "ds:SignedInfo", "SignedInfo")
    c14n = _one(signed_info, "ds:CanonicalizationMethod", "CanonicalizationMethod")
    if c14n.get("Algorithm") not in ALLOWED_C14N:
        raise _invalid_structure("CanonicalizationMethod")
    method = _one(signed_info, "ds:SignatureMethod", "SignatureMethod").get("Algorithm")
    if method not in ALLOWED_METHODS:
        raise _invalid_structure("SignatureMethod")

    references = signed_info.findall("ds:Reference", namespaces={"ds": DS})
    document_refs = [r for r in references if r.get("URI") == "" and not r.get("Type")]
    property_refs = [r for r in references if r.get("Type") == SIGNED_PROPERTIES_TYPE]
    if len(references) != 2 or len(document_refs) != 1 or len(property_refs) != 1:
        raise _invalid_structure("Reference")
    document_ref, properties_ref = document_refs[0], property_refs[0]
    _check_transforms(document_ref, whole_document=True)
    _check_transforms(properties_ref, whole_document=False)
    if not {ENVELOPED, XPATH} & {
        t.get("Algorithm")
        for t in document_ref.findall("ds:Transforms/ds:Transform", namespaces={"ds": DS})
    }:
        raise _invalid_structure("enveloped-signature")

    signature_id = signature.get("Id", "")
    properties_id = (properties_ref.get("URI") or "").removeprefix("#")
    qualifying = _one(signature, "ds:Object/xades:QualifyingProperties", "QualifyingProperties")
    if not signature_id or qualifying.get("Target") != f"#{signature_id}":
        raise _invalid_structure("QualifyingProperties/@Target")
    properties = _one(qualifying, "xades:SignedProperties", "SignedProperties")
    if not properties_id or properties.get("Id") != properties_id:
        raise _invalid_structure("SignedProperties/@Id")
    if _element_ids(root).count(properties_id) != 1:
        raise _invalid_structure("duplicate Id")
    return signature, document_ref, properties_ref, properties


def _embedded_certificate(signature: etree._Element) -> x509.Certificate:
    encoded = _one(signature, "ds:KeyInfo/ds:X509Data/ds:X509Certificate", "X509Certificate").text
    try:
        return x509.load_der_x509_certificate(base64.b64decode(encoded or ""))
    except ValueError:
        raise _invalid_structure("X509Certificate") from None


def _check_signing_certificate(properties: etree._Element, certificate: x509.Certificate) -> None:
    digest = properties.find(
        "xades:SignedSignatureProperties/xades:SigningCertificate/xades:Cert/xades:CertDigest",
        namespaces={"xades": XADES},
    )
    if digest is None:
        raise _invalid_structure("SigningCertificate")
    method = _one(digest, "ds:DigestMethod", "DigestMethod").get("Algorithm", "")
    value = base64.b64decode(_one(digest, "ds:DigestValue", "DigestValue").text or "")
    if method not in CERT_DIGESTS:
        raise _invalid_structure("CertDigest")
    der = certificate.public_bytes(serialization.Encoding.DER)
    if CERT_DIGESTS[method](der).digest() != value:
        raise SignatureInvalid(
            _("Certyfikat w podpisie nie jest certyfikatem wskazanym we właściwościach podpisu.")
        )


def _xmlsec_verify(
    signature: etree._Element, properties: etree._Element, certificate: x509.Certificate
) -> None:
    key = xmlsec.Key.from_memory(
        certificate.public_bytes(serialization.Encoding.PEM), xmlsec.constants.KeyDataFormatCertPem
    )
    context = xmlsec.SignatureContext()
    context.key = key
    for transform in (
        xmlsec.constants.TransformEnveloped,
        xmlsec.constants.TransformExclC14N,
        xmlsec.constants.TransformInclC14N,
        xmlsec.constants.TransformXPath,
        xmlsec.constants.TransformSha256,
    ):
        context.enable_reference_transform(transform)
    for transform in (
        xmlsec.constants.TransformExclC14N,
        xmlsec.constants.TransformInclC14N,
        xmlsec.constants.TransformRsaSha256,
        xmlsec.constants.TransformEcdsaSha256,
    ):
        context.enable_signature_transform(transform)
    context.register_id(properties, "Id")
    try:
        context.verify(signature)
    except xmlsec.Error:
        raise SignatureInvalid(_("Podpis nie zgadza się z certyfikatem podpisującego.")) from None


def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def _parse_instant(text: str | None) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _signer_from(properties: etree._Element, certificate: x509.Certificate) -> Signer:
    signed_at = _parse_instant(
        properties.findtext(
            "xades:SignedSignatureProperties/xades:SigningTime", namespaces={"xades": XADES}
        )
    )
    subject = certificate.subject.rfc4514_string()
    ep = next(properties.iter(_q(PZ, "EPSignature")), None)
    if ep is not None:
        person = ep.find(_q(PZ, "NaturalPerson"))
        if person is None:
            raise _invalid_structure("EPSignature/NaturalPerson")
        given = person.findtext(_q(PZ, "FirstName"), "").strip()
        surname = person.findtext(_q(PZ, "CurrentFamilyName"), "").strip()
        number = person.findtext(_q(PZ, "PersonalIdentifier"), "").strip()
        born = _parse_date(person.findtext(_q(PZ, "DateOfBirth")))
    else:
        old = next(properties.iter(_q(PPZP, "PodpisZP")), None)
        if old is None:
            raise SignatureInvalid(_("Podpis nie zawiera danych osoby z Profilu Zaufanego."))
        data = old.find(f"{_q(PPZP, 'DaneZP')}/{_q(PPZP, 'DaneZPOsobyFizycznej')}")
        if data is None:
            raise _invalid_structure("PodpisZP/DaneZP")
        given = data.findtext(_q(PPZP_OSOBA, "Imie"), "").strip()
        surname = data.findtext(_q(PPZP_OSOBA, "Nazwisko"), "").strip()
        number = data.findtext(_q(PPZP_OSOBA, "PESEL"), "").strip()
        born = _parse_date(data.findtext(_q(PPZP_OSOBA, "DataUrodzenia")))
    if not (given and surname and number):
        raise SignatureInvalid(_("Dane osoby w podpisie są niepełne."))
    if not pesel_number.is_valid(number):
        raise SignatureInvalid(_("PESEL w podpisie jest niepoprawny."))
    if born is None:
        born = pesel_number.get_birth_date(number)
    return Signer(
        given_names=given,
        surname=surname,
        pesel=number,
        date_of_birth=born,
        signed_at=signed_at,
        certificate_subject=subject,
    )


def _detach_keeping_tail(node: etree._Element) -> None:
    """Remove ``node`` as the enveloped-signature transform does: the text after it stays
    (lxml would drop it together with the element)."""
    parent, previous, tail = node.getparent(), node.getprevious(), node.tail
    assert parent is not None, "a signature is never the document's root"
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def enveloped_content(root: etree._Element) -> etree._Element:
    """A copy of the signed document ``root`` without its enveloped signature: what the
    signature's document reference covers."""
    unsigned = copy.deepcopy(root)
    for node in unsigned.findall(_q(DS, "Signature")):
        _detach_keeping_tail(node)
    return unsigned


def verify(
    document: bytes | etree._Element, *, authorities: Iterable[x509.Certificate] | None = None
) -> Signer:
    """Verify the enveloped XAdES-BES signature of ``document`` and return its signer.

    Raises :class:`SignatureInvalid` (bilingual, without personal data) when the document
    is unsigned, its signature is malformed, made by an untrusted certificate, or the
    document or its signed properties changed after signing.
    """
    root = parse_xml(document) if isinstance(document, bytes) else document
    signature, document_ref, properties_ref, properties = _signed_structure(root)
    certificate = _embedded_certificate(signature)
    _check_trusted(certificate, trusted_authorities() if authorities is None else authorities)
    _check_signing_certificate(properties, certificate)

    # Own digest checks first, so the message can say *what* was changed; xmlsec then
    # checks everything again, including the signature value.
    if not _digest_matches(document_ref, _c14n(enveloped_content(root), document_ref)):
        raise SignatureInvalid(_("Treść dokumentu zmieniono po podpisaniu – podpis jest nieważny."))
    if not _digest_matches(properties_ref, _c14n(properties, properties_ref)):
        raise SignatureInvalid(
            _("Właściwości podpisu zmieniono po podpisaniu – podpis jest nieważny.")
        )
    _xmlsec_verify(signature, properties, certificate)
    return _signer_from(properties, certificate)
