"""What ``getSignedDocument`` returns, read and checked: the document we sent, signed by
the resident (XAdES, enveloped), with the signer's data Profil Zaufany puts in the signed
properties (``PodpisZP`` since March 2025, ``EPSignature`` before).

The answer is accepted only when the signature verifies against a trusted authority
(:func:`eurzad.channels.xades.verify`) and the document it envelops is, signature aside,
the very document we handed over. Error messages carry no PESEL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lxml import etree

from eurzad.channels import xades
from eurzad.channels.documents import Signer
from eurzad.channels.registry import ChannelError
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = ["SignedDocument", "TrustedSignatureError", "read_signed_document", "same_content"]

DS_SIGNATURE = f"{{{xades.DS}}}Signature"


class TrustedSignatureError(ChannelError):
    """Signing with podpis zaufany failed: the service refused or could not be reached, or
    what it returned is not our document validly signed. The message is Polish with the
    English in brackets; :meth:`message` gives one language for a page."""

    def __init__(self, polish: str, english: str, detail: str = "") -> None:
        self.polish = polish
        self.english = english
        self.detail = detail
        suffix = f": {detail}" if detail else ""
        super().__init__(f"{polish} ({english}){suffix}")

    def message(self, language: str = "pl") -> str:
        """The message in ``language`` ("pl" or "en"), with the provider's detail."""
        text = self.english if language.startswith("en") else self.polish
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True)
class SignedDocument:
    """The resident's signed document and who signed it (as Profil Zaufany states it)."""

    content: bytes = field(repr=False)
    signer: Signer

    @property
    def first_name(self) -> str:
        return self.signer.given_names

    @property
    def last_name(self) -> str:
        return self.signer.surname

    @property
    def pesel(self) -> str:
        return self.signer.pesel

    @property
    def signed_at(self) -> dt.datetime | None:
        return self.signer.signed_at


def _fingerprint(root: etree._Element) -> bytes:
    """The document as compared: canonical XML without the signature and without the
    whitespace-only text between elements (a signer may indent around what it adds)."""
    document = xades.enveloped_content(root)
    for node in document.iter():
        if node.text is not None and not node.text.strip() and len(node):
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    return etree.tostring(document, method="c14n", exclusive=False, with_comments=False)


def same_content(signed: etree._Element, original: bytes) -> bool:
    """Whether ``signed``, its enveloped signature aside, is the document ``original``."""
    try:
        sent = parse_xml(original)
    except (UnsafeXMLError, MalformedXMLError):
        return False
    return _fingerprint(signed) == _fingerprint(sent)


def read_signed_document(signed: bytes, original: bytes) -> SignedDocument:
    """Check ``signed`` (what getSignedDocument returned) against ``original`` (what we
    sent) and return it with its signer; :class:`TrustedSignatureError` otherwise."""
    try:
        root = parse_xml(signed)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise TrustedSignatureError(
            "Podpisany dokument nie jest poprawnym XML",
            "the signed document is not well-formed XML",
            str(error),
        ) from None
    if next(root.iter(DS_SIGNATURE), None) is None:
        raise TrustedSignatureError(
            "Zwrócony dokument nie jest podpisany", "the returned document is not signed"
        )
    try:
        signer = xades.verify(root)
    except xades.SignatureInvalid as error:
        raise TrustedSignatureError(
            "Podpis dokumentu jest nieważny", "the document's signature is not valid", str(error)
        ) from None
    if not same_content(root, original):
        raise TrustedSignatureError(
            "Podpisany dokument nie jest dokumentem wysłanym do podpisu",
            "the signed document is not the document sent for signing",
        )
    return SignedDocument(content=signed, signer=signer)
