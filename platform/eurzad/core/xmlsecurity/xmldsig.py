"""Enveloped XML signatures for the WK profile (python-xmlsec).

Signing uses ECDSA-SHA256 (RSA-SHA256 for an RSA key), exclusive C14N and a SHA-256
digest over the element referenced by its ``ID`` attribute.

Verification trusts only the certificate passed in (never the KeyInfo in the message) and
defends against signature wrapping: the element must carry exactly one ``ds:Signature``
child whose single Reference points at *this* element's ``ID``, and no other element in
the document may carry the same identifier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import xmlsec
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from .keys import load_private_key

if TYPE_CHECKING:
    from xmlsec.constants import __Transform as Transform  # the stubs name it privately

__all__ = ["SignatureError", "sign", "verify"]

DS = "http://www.w3.org/2000/09/xmldsig#"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"

ALLOWED_SIGNATURE_METHODS = frozenset({ECDSA_SHA256, RSA_SHA256})
ALLOWED_TRANSFORMS = frozenset({ENVELOPED, EXC_C14N})
# Attribute names libxml2/xmlsec may resolve a same-document "#id" reference against.
_ID_ATTRIBUTES = ("ID", "Id", "id", "{http://www.w3.org/XML/1998/namespace}id")

SIGNATURE_MESSAGE = "Niepoprawny podpis XML – invalid XML signature"


class SignatureError(ValueError):
    """The element is not signed, or not validly signed by the trusted certificate."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{SIGNATURE_MESSAGE}: {detail}" if detail else SIGNATURE_MESSAGE)


def _as_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


def sign(
    element: etree._Element, private_key_pem: bytes | str, certificate_pem: bytes | str
) -> None:
    """Sign ``element`` in place with an enveloped signature over its ``ID``.

    The ``ds:Signature`` is inserted right after a ``saml:Issuer`` child (SAML schema
    order) or else as the first child, and carries the certificate in ``ds:X509Data``.
    """
    element_id = element.get("ID")
    if not element_id:
        raise ValueError("element to sign must have an ID attribute")
    key_pem = _as_bytes(private_key_pem)
    private_key = load_private_key(key_pem)
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        method = xmlsec.constants.TransformEcdsaSha256
    elif isinstance(private_key, rsa.RSAPrivateKey):
        method = xmlsec.constants.TransformRsaSha256
    else:
        raise ValueError("only EC and RSA keys are supported")

    signature = xmlsec.template.create(element, xmlsec.constants.TransformExclC14N, method, ns="ds")
    issuer = element.find(f"{{{SAML}}}Issuer")
    if issuer is not None:
        issuer.addnext(signature)
    else:
        element.insert(0, signature)
    reference = xmlsec.template.add_reference(
        signature, xmlsec.constants.TransformSha256, uri=f"#{element_id}"
    )
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    xmlsec.template.add_x509_data(key_info)

    key = xmlsec.Key.from_memory(key_pem, xmlsec.constants.KeyDataFormatPem)
    key.load_cert_from_memory(_as_bytes(certificate_pem), xmlsec.constants.KeyDataFormatCertPem)
    context = xmlsec.SignatureContext()
    context.key = key
    context.register_id(element, "ID")
    try:
        context.sign(signature)
    except xmlsec.Error as exc:
        parent = signature.getparent()
        if parent is not None:  # it is: the template was put into ``element``
            parent.remove(signature)
        raise ValueError(f"signing failed: {exc}") from exc


def _only(parent: etree._Element, tag: str, what: str) -> etree._Element:
    found = parent.findall(f"{{{DS}}}{tag}")
    if len(found) != 1:
        raise SignatureError(f"oczekiwano jednego {what} – expected exactly one {what}")
    return found[0]


def _check_structure(element: etree._Element) -> etree._Element:
    """Return the element's signature after the anti-wrapping and algorithm checks."""
    element_id = element.get("ID")
    if not element_id:
        raise SignatureError("brak atrybutu ID – element has no ID")
    signatures = element.findall(f"{{{DS}}}Signature")
    if len(signatures) != 1:
        raise SignatureError(
            f"oczekiwano jednego podpisu, jest {len(signatures)} – "
            f"expected exactly one signature, found {len(signatures)}"
        )
    signature = signatures[0]

    same_id = [
        node
        for node in element.getroottree().iter(etree.Element)
        if any(node.get(name) == element_id for name in _ID_ATTRIBUTES)
    ]
    if same_id != [element]:
        raise SignatureError("zduplikowany identyfikator – duplicate ID in document")

    signed_info = _only(signature, "SignedInfo", "SignedInfo")
    c14n = _only(signed_info, "CanonicalizationMethod", "CanonicalizationMethod")
    if c14n.get("Algorithm") != EXC_C14N:
        raise SignatureError("niedozwolona kanonikalizacja – canonicalisation not allowed")
    method = _only(signed_info, "SignatureMethod", "SignatureMethod").get("Algorithm")
    if method not in ALLOWED_SIGNATURE_METHODS:
        raise SignatureError(f"niedozwolony algorytm – signature method {method!r} not allowed")
    reference = _only(signed_info, "Reference", "Reference")
    if reference.get("URI") != f"#{element_id}":
        raise SignatureError(
            "podpis dotyczy innego elementu – signature references another element"
        )
    transforms = reference.find(f"{{{DS}}}Transforms")
    if transforms is not None:
        for transform in transforms:
            if not isinstance(transform.tag, str):
                continue
            if transform.tag != f"{{{DS}}}Transform" or (
                transform.get("Algorithm") not in ALLOWED_TRANSFORMS
            ):
                raise SignatureError("niedozwolona transformacja – transform not allowed")
    digest = _only(reference, "DigestMethod", "DigestMethod").get("Algorithm")
    if digest != SHA256:
        raise SignatureError(f"niedozwolony skrót – digest {digest!r} not allowed")
    return signature


def verification_context(
    certificate_pem: bytes | str, signature_algorithms: tuple[Transform, ...]
) -> xmlsec.SignatureContext:
    """An xmlsec context that checks with ``certificate_pem``'s key and allows only
    enveloped, exclusive-C14N, SHA-256 references signed with ``signature_algorithms``.
    Raises ``xmlsec.Error`` for a certificate it cannot read."""
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(
        _as_bytes(certificate_pem), xmlsec.constants.KeyDataFormatCertPem
    )
    # Only the profile's algorithms; the digest is a reference transform in xmlsec.
    for transform in (
        xmlsec.constants.TransformEnveloped,
        xmlsec.constants.TransformExclC14N,
        xmlsec.constants.TransformSha256,
    ):
        context.enable_reference_transform(transform)
    for transform in (xmlsec.constants.TransformExclC14N, *signature_algorithms):
        context.enable_signature_transform(transform)
    return context


def verify(element: etree._Element, certificate_pem: bytes | str) -> None:
    """Verify that ``element`` is validly signed by the key of ``certificate_pem``.

    Raises :class:`SignatureError` unless the element carries exactly one enveloped
    signature, made with an allowed algorithm by the trusted certificate's key, whose only
    Reference targets this element's (document-unique) ``ID``.
    """
    signature = _check_structure(element)
    try:
        context = verification_context(
            certificate_pem,
            (xmlsec.constants.TransformEcdsaSha256, xmlsec.constants.TransformRsaSha256),
        )
    except xmlsec.Error as exc:
        raise SignatureError(f"niepoprawny certyfikat – bad certificate: {exc}") from None
    try:
        context.register_id(element, "ID")
        context.verify(signature)
    except xmlsec.Error as exc:
        raise SignatureError(str(exc) or type(exc).__name__) from None
