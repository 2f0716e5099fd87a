"""Known answers for XAdES-BES on ``wnio:Dokument``, independent of our signer.

Facts from XML-DSig (W3C, xmldsig-core), Canonical XML 1.0 / Exclusive XML C14N (W3C) and
XAdES (ETSI TS 101 903 v1.3.2 / EN 319 132-1): the SignedProperties are referenced with
``Type="http://uri.etsi.org/01903#SignedProperties"``; ``QualifyingProperties/@Target``
names the signature; ``SigningCertificate/Cert`` holds the digest of the DER certificate
(``CertDigest``) and ``IssuerSerial``. The signer below is written here from those facts
with lxml's C14N and ``cryptography`` only (no xmlsec, nothing of eurzad), and our
verifier must accept what it makes and refuse it when tampered with. The canonical forms
are written out by hand per the C14N rules, and their digests computed once with hashlib.
See docs/integrations/epuap.md, "XAdES on wnio:Dokument".
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from lxml import etree

from eurzad.channels import xades
from eurzad.channels.keys import generate_rsa_key, issue_certificate
from eurzad.core.xmlsecurity.keys import certificate_to_pem
from tests.channels.conftest import JAN

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
PZ = "http://crd.gov.pl/xml/schematy/podpis_zaufany/"
WNIO = "http://crd.gov.pl/wzor/2013/12/12/1410/"
SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#"
INCLUSIVE = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

# ---------------------------------------------------------------- C14N by hand

FIXED = (
    f'<wnio:Dokument xmlns:wnio="{WNIO}" xmlns:ds="{DS}">'
    "<wnio:Tytul>Wniosek</wnio:Tytul>"
    '<ds:Signature Id="S"><ds:Object>'
    f'<xades:QualifyingProperties xmlns:xades="{XADES}" Target="#S">'
    '<xades:SignedProperties Id="SP"><xades:SignedSignatureProperties>'
    "<xades:SigningTime>2024-03-05T10:15:30Z</xades:SigningTime>"
    "</xades:SignedSignatureProperties></xades:SignedProperties>"
    "</xades:QualifyingProperties></ds:Object></ds:Signature></wnio:Dokument>"
)
# Exclusive C14N: only the namespace the subtree visibly uses is declared on it.
EXCLUSIVE_FORM = (
    f'<xades:SignedProperties xmlns:xades="{XADES}" Id="SP">'
    "<xades:SignedSignatureProperties>"
    "<xades:SigningTime>2024-03-05T10:15:30Z</xades:SigningTime>"
    "</xades:SignedSignatureProperties></xades:SignedProperties>"
)
# Inclusive C14N: every namespace in scope, sorted by prefix, before the attributes.
INCLUSIVE_FORM = (
    f'<xades:SignedProperties xmlns:ds="{DS}" xmlns:wnio="{WNIO}" xmlns:xades="{XADES}" '
    'Id="SP"><xades:SignedSignatureProperties>'
    "<xades:SigningTime>2024-03-05T10:15:30Z</xades:SigningTime>"
    "</xades:SignedSignatureProperties></xades:SignedProperties>"
)
# base64(SHA-256) of the two forms, computed once with hashlib.
EXCLUSIVE_DIGEST = "1TAYDjf/OH1rOupLEB0xxzGc4cg6uPtd8/pRIOPCckM="
INCLUSIVE_DIGEST = "++PbhVqybVNJtXxMb9X6bJDFfCZpIP8sXbP3Gu3N+sI="


def _b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.mark.parametrize(
    ("algorithm", "form", "digest"),
    [(EXCLUSIVE, EXCLUSIVE_FORM, EXCLUSIVE_DIGEST), (INCLUSIVE, INCLUSIVE_FORM, INCLUSIVE_DIGEST)],
)
def test_signed_properties_canonical_form_and_digest(algorithm, form, digest) -> None:
    root = etree.fromstring(FIXED.encode())
    properties = root.find(f".//{{{XADES}}}SignedProperties")
    reference = etree.fromstring(
        f'<ds:Reference xmlns:ds="{DS}" URI="#SP" Type="{SIGNED_PROPERTIES}"><ds:Transforms>'
        f'<ds:Transform Algorithm="{algorithm}"/></ds:Transforms></ds:Reference>'
    )
    assert _b64_sha256(form.encode()) == digest
    # What the verifier digests for this reference is exactly the hand-written form.
    assert xades._c14n(properties, reference) == form.encode()


# ---------------------------------------------------------------- an independent signer


def _sub(parent, namespace: str, tag: str, text: str | None = None, **attributes: str):
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _canonical(element, algorithm: str) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=algorithm == EXCLUSIVE)


def _document() -> etree._Element:
    root = etree.Element(f"{{{WNIO}}}Dokument", nsmap={"wnio": WNIO})
    _sub(root, WNIO, "Tytul", "Wniosek o rejestrację konta")
    _sub(root, WNIO, "Informacja", "Proszę o konto.")
    return root


def independent_sign(
    root,
    key,
    certificate: x509.Certificate,
    *,
    c14n: str = EXCLUSIVE,
    cert_digest: str = SHA256,
    signed_at: str = "2024-03-05T10:15:30Z",
) -> etree._Element:
    """An enveloped XAdES-BES signature, written from the standards (see module doc)."""
    signature = _sub(root, DS, "Signature", Id="Sig-1")
    signed_info = _sub(signature, DS, "SignedInfo")
    _sub(signed_info, DS, "CanonicalizationMethod", Algorithm=c14n)
    _sub(signed_info, DS, "SignatureMethod", Algorithm=RSA_SHA256)
    document_ref = _sub(signed_info, DS, "Reference", Id="Ref-doc", URI="")
    transforms = _sub(document_ref, DS, "Transforms")
    _sub(transforms, DS, "Transform", Algorithm=ENVELOPED)
    _sub(transforms, DS, "Transform", Algorithm=c14n)
    _sub(document_ref, DS, "DigestMethod", Algorithm=SHA256)
    document_digest = _sub(document_ref, DS, "DigestValue")
    properties_ref = _sub(signed_info, DS, "Reference", URI="#SP-1", Type=SIGNED_PROPERTIES)
    _sub(_sub(properties_ref, DS, "Transforms"), DS, "Transform", Algorithm=c14n)
    _sub(properties_ref, DS, "DigestMethod", Algorithm=SHA256)
    properties_digest = _sub(properties_ref, DS, "DigestValue")
    signature_value = _sub(signature, DS, "SignatureValue")
    der = certificate.public_bytes(serialization.Encoding.DER)
    _sub(
        _sub(_sub(signature, DS, "KeyInfo"), DS, "X509Data"),
        DS,
        "X509Certificate",
        base64.b64encode(der).decode(),
    )
    qualifying = etree.SubElement(
        _sub(signature, DS, "Object"),
        f"{{{XADES}}}QualifyingProperties",
        Target="#Sig-1",
        nsmap={"xades": XADES},
    )
    properties = _sub(qualifying, XADES, "SignedProperties", Id="SP-1")
    signature_properties = _sub(properties, XADES, "SignedSignatureProperties")
    _sub(signature_properties, XADES, "SigningTime", signed_at)
    cert = _sub(_sub(signature_properties, XADES, "SigningCertificate"), XADES, "Cert")
    digest = _sub(cert, XADES, "CertDigest")
    _sub(digest, DS, "DigestMethod", Algorithm=cert_digest)
    hashed = hashlib.sha1(der) if cert_digest == SHA1 else hashlib.sha256(der)
    _sub(digest, DS, "DigestValue", base64.b64encode(hashed.digest()).decode())
    serial = _sub(cert, XADES, "IssuerSerial")
    _sub(serial, DS, "X509IssuerName", certificate.issuer.rfc4514_string())
    _sub(serial, DS, "X509SerialNumber", str(certificate.serial_number))
    role = _sub(
        _sub(_sub(signature_properties, XADES, "SignerRole"), XADES, "ClaimedRoles"),
        XADES,
        "ClaimedRole",
    )
    ep = etree.SubElement(role, f"{{{PZ}}}EPSignature", nsmap={"pz": PZ})
    person = _sub(ep, PZ, "NaturalPerson")
    _sub(person, PZ, "CurrentFamilyName", "Kowalski")
    _sub(person, PZ, "FirstName", "Jan")
    _sub(person, PZ, "DateOfBirth", "1944-05-14")
    _sub(person, PZ, "PersonalIdentifier", JAN)

    # Digest of the document: the enveloped-signature transform removes the signature.
    unsigned = copy.deepcopy(root)
    unsigned.remove(unsigned.find(f"{{{DS}}}Signature"))
    document_digest.text = _b64_sha256(_canonical(unsigned, c14n))
    # Digest of the SignedProperties, canonicalised where they stand (namespace context).
    properties_digest.text = _b64_sha256(_canonical(properties, c14n))
    signature_value.text = base64.b64encode(
        key.sign(_canonical(signed_info, c14n), padding.PKCS1v15(), hashes.SHA256())
    ).decode()
    return root


@pytest.fixture(scope="module")
def authority():
    ca_key = generate_rsa_key()
    ca = issue_certificate(ca_key, "Niezależny wystawca (test)", ca=True, days=30)
    key = generate_rsa_key()
    certificate = issue_certificate(key, "Podpisujący (test)", issuer_key=ca_key, issuer=ca)
    return ca, key, certificate


def _signed(authority, **options) -> bytes:
    _, key, certificate = authority
    root = independent_sign(_document(), key, certificate, **options)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("c14n", [EXCLUSIVE, INCLUSIVE])
def test_our_verifier_accepts_an_independent_signature(authority, c14n) -> None:
    ca = authority[0]
    signer = xades.verify(_signed(authority, c14n=c14n), authorities=[ca])
    assert (signer.given_names, signer.surname, signer.pesel) == ("Jan", "Kowalski", JAN)
    assert signer.signed_at == dt.datetime(2024, 3, 5, 10, 15, 30, tzinfo=dt.UTC)
    assert signer.certificate_subject == authority[2].subject.rfc4514_string()


def test_a_sha1_cert_digest_is_accepted(authority) -> None:
    # Public XAdES signers for ePUAP write CertDigest with SHA-1; it only names the
    # certificate, whose key must still verify the signature.
    assert xades.verify(_signed(authority, cert_digest=SHA1), authorities=[authority[0]])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"Prosz\xc4\x99 o konto.", b"Prosz\xc4\x99 o konta.", "Treść dokumentu zmieniono"),
        (b"2024-03-05T10:15:30Z", b"2024-03-06T10:15:30Z", "Właściwości podpisu zmieniono"),
        (b"<pz:FirstName>Jan<", b"<pz:FirstName>Jas<", "Właściwości podpisu zmieniono"),
        (SIGNED_PROPERTIES.encode(), b"http://uri.etsi.org/01903#Other", "niedozwoloną budowę"),
        (b'Target="#Sig-1"', b'Target="#Sig-2"', "QualifyingProperties/@Target"),
    ],
)
def test_tampering_with_an_independent_signature_is_refused(authority, old, new, message):
    signed = _signed(authority)
    assert old in signed
    with pytest.raises(xades.SignatureInvalid) as refused:
        xades.verify(signed.replace(old, new), authorities=[authority[0]])
    assert message in str(refused.value)


def test_a_wrong_cert_digest_is_refused(authority) -> None:
    root = etree.fromstring(_signed(authority))
    value = root.find(f".//{{{XADES}}}CertDigest/{{{DS}}}DigestValue")
    value.text = base64.b64encode(b"\0" * 32).decode()
    with pytest.raises(xades.SignatureInvalid, match="nie jest certyfikatem wskazanym"):
        xades.verify(etree.tostring(root), authorities=[authority[0]])


def test_a_broken_signature_value_is_refused(authority) -> None:
    root = etree.fromstring(_signed(authority))
    value = root.find(f".//{{{DS}}}SignatureValue")
    raw = bytearray(base64.b64decode(value.text))
    raw[0] ^= 1
    value.text = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(xades.SignatureInvalid, match="Podpis nie zgadza się"):
        xades.verify(etree.tostring(root), authorities=[authority[0]])


# ---------------------------------------------------------------- our signer, by hand


def test_our_signer_writes_the_standard_shape(authority) -> None:
    ca, key, certificate = authority
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    root = _document()
    signature = xades.sign(root, key_pem, certificate_to_pem(certificate))
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    assert [(r.get("URI") == "", r.get("Type")) for r in references] == [
        (True, None),
        (False, SIGNED_PROPERTIES),
    ]
    qualifying = signature.find(f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties")
    assert qualifying.get("Target") == f"#{signature.get('Id')}"
    properties = qualifying.find(f"{{{XADES}}}SignedProperties")
    assert references[1].get("URI") == f"#{properties.get('Id')}"
    # The SignedProperties digest, recomputed by hand (exclusive C14N, SHA-256).
    assert references[1].findtext(f"{{{DS}}}DigestValue") == _b64_sha256(
        etree.tostring(properties, method="c14n", exclusive=True)
    )
    cert = properties.find(f".//{{{XADES}}}SigningCertificate/{{{XADES}}}Cert")
    der = certificate.public_bytes(serialization.Encoding.DER)
    assert cert.find(f"{{{XADES}}}CertDigest/{{{DS}}}DigestMethod").get("Algorithm") == SHA256
    assert cert.findtext(f"{{{XADES}}}CertDigest/{{{DS}}}DigestValue") == _b64_sha256(der)
    serial = cert.find(f"{{{XADES}}}IssuerSerial")
    assert serial.findtext(f"{{{DS}}}X509SerialNumber") == str(certificate.serial_number)
    assert serial.findtext(f"{{{DS}}}X509IssuerName") == ca.subject.rfc4514_string()
