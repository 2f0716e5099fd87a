"""ePUAP's official receipts in the crd.gov.pl UPO schema (namespace
``http://crd.gov.pl/xml/schematy/UPO/2008/05/09/``, root ``Dokument``):

* **UPP** (Urzędowe Poświadczenie Przedłożenia) — a document was submitted to a mailbox.
  ePUAP (here: its simulator) issues it; for a document taken in without one, the town
  issues it with its own system key.
* **UPD** (Urzędowe Poświadczenie Doręczenia) — the recipient collected a delivered
  letter; ePUAP sends it to the sender's reply mailbox.

Each is signed with an enveloped XML signature (``ds:Signature`` after the UPP/UPD, one
reference ``URI=""``). :func:`read_receipt` reads UPP, UPD and the ``Dokument/UPO`` shape
earlier versions of eurzad wrote, so receipts already stored stay readable. Element names
and order: docs/integrations/epuap.md, "UPO / UPP / UPD".
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

import xmlsec
from lxml import etree

from eurzad.core.xmlsecurity import xmldsig
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = [
    "DIGEST_INFORMATION",
    "UPO",
    "Delivery",
    "Party",
    "ReadReceipt",
    "Receipt",
    "ReceiptError",
    "build_upd",
    "build_upp",
    "digest_of",
    "is_receipt",
    "issue_upd",
    "issue_upp",
    "read_receipt",
    "receipt_id_of",
    "verify_receipt",
]

UPO = "http://crd.gov.pl/xml/schematy/UPO/2008/05/09/"
DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
# The schema's extension point (InformacjaUzupelniajaca, typed by an attribute) carries
# the digest of the document the receipt is about; the type name is eurzad's.
DIGEST_INFORMATION = "SkrotDokumentuSHA256"
# The shapes of the UPO namespace: each receipt element and its children, in order.
UPP_CHILDREN = (
    "IdentyfikatorPoswiadczenia",
    "Adresat",
    "Nadawca",
    "DataDoreczenia",
    "DataWytworzeniaPoswiadczenia",
    "IdentyfikatorDokumentu",
    "InformacjaUzupelniajaca",
)
UPD_CHILDREN = (
    "IdentyfikatorPoswiadczenia",
    "PodmiotWystawiajacyPoswiadczenie",
    "Adresat",
    "DataOdbioru",
    "DataUtworzeniaPoswiadczenia",
    "IdentyfikatorSprawy",
    "IdentyfikatorDokumentu",
    "InformacjaUzupelniajaca",
)


class ReceiptError(ValueError):
    """The receipt is not a UPO document, or is not validly signed."""


@dataclass(frozen=True)
class Receipt:
    """What a UPP attests: ``document`` from the sender reached the recipient's mailbox."""

    recipient_name: str
    recipient_address: str
    sender_name: str
    sender_address: str
    document_id: str
    document: bytes
    delivered_at: dt.datetime
    issuer: str = ""  # who issues it; a UPP names it only through its signature
    # TypIdentyfikatora of sender_address when it is no mailbox address (e.g. "PESEL" for
    # an application filed in the town's portal); "": none stated; None: from the address.
    sender_identifier_kind: str | None = None
    # More InformacjaUzupelniajaca after the digest: (TypInformacjiUzupelniajacej, text).
    information: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Delivery:
    """What a UPD attests: the recipient collected the document ``document_id``."""

    issuer_name: str  # the office that sent the letter (PodmiotWystawiajacyPoswiadczenie)
    issuer_address: str
    recipient_name: str
    recipient_address: str
    document_id: str
    collected_at: dt.datetime
    case_id: str = ""


@dataclass(frozen=True)
class Party:
    name: str
    identifier: str
    kind: str  # TypIdentyfikatora


@dataclass(frozen=True)
class ReadReceipt:
    """A receipt as read back (UPP, UPD, or the older ``UPO`` shape)."""

    kind: str
    receipt_id: str
    document_id: str
    recipient: Party | None
    sender: Party | None  # UPP: Nadawca; UPD: PodmiotWystawiajacyPoswiadczenie
    delivered_at: dt.datetime | None  # UPP: DataDoreczenia; UPD: DataOdbioru
    issued_at: dt.datetime | None
    case_id: str = ""
    digest: str = ""  # base64 SHA-256 of the document, when the receipt carries it
    extra: tuple[tuple[str, str], ...] = ()


def _q(tag: str) -> str:
    return f"{{{UPO}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), attributes)
    element.text = text
    return element


def _address_kind(address: str) -> str:
    return "AdresDoDoreczenElektronicznych" if address.startswith("AE:") else "AdresSkrytki"


def _party(
    parent: etree._Element, tag: str, name: str, address: str, kind: str | None = None
) -> None:
    party = etree.SubElement(parent, _q(tag))
    _add(party, "Nazwa", name)
    kind = _address_kind(address) if kind is None else kind
    _add(party, "IdentyfikatorPodmiotu", address, **({"TypIdentyfikatora": kind} if kind else {}))


def _instant(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def digest_of(document: bytes) -> str:
    """base64 of the SHA-256 of ``document`` (as a UPP issued by eurzad carries it)."""
    return base64.b64encode(hashlib.sha256(document).digest()).decode("ascii")


def build_upp(receipt: Receipt, *, receipt_id: str | None = None) -> etree._Element:
    """The unsigned ``Dokument/UPP`` for ``receipt``."""
    root = etree.Element(_q("Dokument"), nsmap={"upo": UPO})
    body = etree.SubElement(root, _q("UPP"))
    _add(body, "IdentyfikatorPoswiadczenia", receipt_id or f"UPP-{uuid.uuid4()}")
    _party(body, "Adresat", receipt.recipient_name, receipt.recipient_address)
    _party(
        body, "Nadawca", receipt.sender_name, receipt.sender_address, receipt.sender_identifier_kind
    )
    _add(body, "DataDoreczenia", _instant(receipt.delivered_at))
    _add(body, "DataWytworzeniaPoswiadczenia", _instant(_now()))
    _add(body, "IdentyfikatorDokumentu", receipt.document_id)
    _add(
        body,
        "InformacjaUzupelniajaca",
        digest_of(receipt.document),
        TypInformacjiUzupelniajacej=DIGEST_INFORMATION,
    )
    for kind, text in receipt.information:
        _add(body, "InformacjaUzupelniajaca", text, TypInformacjiUzupelniajacej=kind)
    return root


def build_upd(delivery: Delivery, *, receipt_id: str | None = None) -> etree._Element:
    """The unsigned ``Dokument/UPD`` for ``delivery``."""
    root = etree.Element(_q("Dokument"), nsmap={"upo": UPO})
    body = etree.SubElement(root, _q("UPD"))
    _add(body, "IdentyfikatorPoswiadczenia", receipt_id or f"UPD-{uuid.uuid4()}")
    _party(body, "PodmiotWystawiajacyPoswiadczenie", delivery.issuer_name, delivery.issuer_address)
    _party(body, "Adresat", delivery.recipient_name, delivery.recipient_address)
    _add(body, "DataOdbioru", _instant(delivery.collected_at))
    _add(body, "DataUtworzeniaPoswiadczenia", _instant(_now()))
    if delivery.case_id:
        _add(body, "IdentyfikatorSprawy", delivery.case_id)
    _add(body, "IdentyfikatorDokumentu", delivery.document_id)
    return root


# ---------------------------------------------------------------- signature


def _as_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


def _sign(root: etree._Element, private_key_pem: str, certificate_pem: str) -> bytes:
    """Append an enveloped signature over the whole document and serialise it."""
    signature = xmlsec.template.create(
        root, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256, ns="ds"
    )
    root.append(signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri="")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(signature))
    key = xmlsec.Key.from_memory(_as_bytes(private_key_pem), xmlsec.constants.KeyDataFormatPem)
    key.load_cert_from_memory(_as_bytes(certificate_pem), xmlsec.constants.KeyDataFormatCertPem)
    context = xmlsec.SignatureContext()
    context.key = key
    context.sign(signature)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def issue_upp(
    receipt: Receipt, private_key_pem: str, certificate_pem: str, *, receipt_id: str | None = None
) -> tuple[str, bytes]:
    """Build the UPP, sign it and return ``(IdentyfikatorPoswiadczenia, xml bytes)``."""
    root = build_upp(receipt, receipt_id=receipt_id)
    return receipt_id_of(root), _sign(root, private_key_pem, certificate_pem)


def issue_upd(
    delivery: Delivery,
    private_key_pem: str,
    certificate_pem: str,
    *,
    receipt_id: str | None = None,
) -> tuple[str, bytes]:
    """Build the UPD, sign it and return ``(IdentyfikatorPoswiadczenia, xml bytes)``."""
    root = build_upd(delivery, receipt_id=receipt_id)
    return receipt_id_of(root), _sign(root, private_key_pem, certificate_pem)


def verify_receipt(document: bytes | etree._Element, certificate_pem: bytes | str) -> None:
    """Check that the receipt is signed by ``certificate_pem``'s key: exactly one
    ``ds:Signature``, a child of the root, whose one reference is the whole document."""
    try:
        root = parse_xml(document) if isinstance(document, bytes) else document
    except (UnsafeXMLError, MalformedXMLError, ValueError) as error:
        raise ReceiptError(str(error)) from None
    signatures = list(root.iter(f"{{{DS}}}Signature"))
    if len(signatures) != 1 or signatures[0].getparent() is not root:
        raise ReceiptError("ds:Signature")
    signature = signatures[0]
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise ReceiptError("ds:Reference")
    transforms = {
        t.get("Algorithm") for t in references[0].findall(f"{{{DS}}}Transforms/{{{DS}}}Transform")
    }
    if ENVELOPED not in transforms or not transforms <= {ENVELOPED, EXC_C14N}:
        raise ReceiptError("ds:Transform")
    try:
        context = xmldsig.verification_context(
            certificate_pem, (xmlsec.constants.TransformRsaSha256,)
        )
    except xmlsec.Error:
        raise ReceiptError("certificate") from None
    try:
        context.verify(signature)
    except xmlsec.Error:
        raise ReceiptError("ds:SignatureValue") from None


# ---------------------------------------------------------------- reading


def _body(root: etree._Element) -> etree._Element | None:
    if root.tag != _q("Dokument"):
        return None
    for kind in ("UPP", "UPD", "UPO"):
        body = root.find(_q(kind))
        if body is not None:
            return body
    return None


def is_receipt(document: bytes | etree._Element) -> bool:
    """True when ``document`` is a ``Dokument`` of the UPO namespace with a receipt in it."""
    try:
        root = parse_xml(document) if isinstance(document, bytes) else document
    except (UnsafeXMLError, MalformedXMLError, ValueError):
        return False
    return _body(root) is not None


def _read_party(body: etree._Element, tag: str) -> Party | None:
    element = body.find(_q(tag))
    if element is None:
        return None
    identifier = element.find(_q("IdentyfikatorPodmiotu"))
    kind = ""
    if identifier is not None:
        # Unqualified in the published stylesheet; one public client qualifies it.
        kind = identifier.get("TypIdentyfikatora") or identifier.get(_q("TypIdentyfikatora")) or ""
    return Party(
        name=(element.findtext(_q("Nazwa")) or "").strip(),
        identifier=(identifier.text or "").strip() if identifier is not None else "",
        kind=kind,
    )


def _read_instant(body: etree._Element, *tags: str) -> dt.datetime | None:
    for tag in tags:
        text = (body.findtext(_q(tag)) or "").strip()
        if not text:
            continue
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def read_receipt(document: bytes | etree._Element) -> ReadReceipt:
    """Read a UPP, a UPD or an older eurzad ``UPO``; raises :class:`ReceiptError` for
    anything else. The signature is not checked here (see :func:`verify_receipt`)."""
    try:
        root = parse_xml(document) if isinstance(document, bytes) else document
    except (UnsafeXMLError, MalformedXMLError, ValueError) as error:
        raise ReceiptError(str(error)) from None
    body = _body(root)
    if body is None:
        raise ReceiptError("upo:Dokument")
    kind = etree.QName(body).localname
    extra = tuple(
        (
            element.get("TypInformacjiUzupelniajacej")
            or element.get(_q("TypInformacjiUzupelniajacej"))
            or "",
            (element.text or "").strip(),
        )
        for element in body.findall(_q("InformacjaUzupelniajaca"))
    )
    digest = next((value for name, value in extra if name == DIGEST_INFORMATION), "")
    if not digest:  # the older eurzad UPO carried it in an element of its own
        digest = (body.findtext(_q("SkrotDokumentu")) or "").strip()
    sender_tag = "PodmiotWystawiajacyPoswiadczenie" if kind == "UPD" else "Nadawca"
    return ReadReceipt(
        kind=kind,
        receipt_id=(body.findtext(_q("IdentyfikatorPoswiadczenia")) or "").strip(),
        document_id=(body.findtext(_q("IdentyfikatorDokumentu")) or "").strip(),
        recipient=_read_party(body, "Adresat"),
        sender=_read_party(body, sender_tag),
        delivered_at=_read_instant(body, "DataOdbioru" if kind == "UPD" else "DataDoreczenia"),
        issued_at=_read_instant(
            body, "DataWytworzeniaPoswiadczenia", "DataUtworzeniaPoswiadczenia"
        ),
        case_id=(body.findtext(_q("IdentyfikatorSprawy")) or "").strip(),
        digest=digest,
        extra=extra,
    )


def receipt_id_of(upo: etree._Element) -> str:
    """The ``IdentyfikatorPoswiadczenia`` of a UPP, UPD (or older UPO); "" when none."""
    body = _body(upo)
    if body is None:
        return ""
    return (body.findtext(_q("IdentyfikatorPoswiadczenia")) or "").strip()
