"""UPO (Urzędowe Poświadczenie Odbioru): the signed receipt that a document reached the
office, in the crd.gov.pl UPO schema's vocabulary. ePUAP (here: its simulator) issues it;
for a channel whose provider issues none, the town issues it with its own system key."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

from lxml import etree

from eurzad.identity.wk import xmldsig

__all__ = ["UPO", "Receipt", "build_upo", "issue_upo", "receipt_id_of"]

UPO = "http://crd.gov.pl/xml/schematy/UPO/2008/05/09/"


@dataclass(frozen=True)
class Receipt:
    """What a UPO attests."""

    recipient_name: str
    recipient_address: str
    sender_name: str
    sender_address: str
    document_id: str
    document: bytes
    delivered_at: dt.datetime
    issuer: str


def _q(tag: str) -> str:
    return f"{{{UPO}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), {_q(k): v for k, v in attributes.items()})
    element.text = text
    return element


def _party(parent: etree._Element, tag: str, name: str, address: str, kind: str) -> None:
    party = etree.SubElement(parent, _q(tag))
    _add(party, "Nazwa", name)
    _add(party, "IdentyfikatorPodmiotu", address, TypIdentyfikatora=kind)


def _address_kind(address: str) -> str:
    return "AdresDoDoreczenElektronicznych" if address.startswith("AE:") else "AdresSkrytki"


def build_upo(receipt: Receipt, *, receipt_id: str | None = None) -> etree._Element:
    """The unsigned UPO document for ``receipt``."""
    receipt_id = receipt_id or f"UPO-{uuid.uuid4()}"
    root = etree.Element(_q("Dokument"), nsmap={"upo": UPO}, ID=receipt_id)
    body = etree.SubElement(root, _q("UPO"))
    _add(body, "IdentyfikatorPoswiadczenia", receipt_id)
    _party(
        body,
        "Adresat",
        receipt.recipient_name,
        receipt.recipient_address,
        _address_kind(receipt.recipient_address),
    )
    _party(
        body,
        "Nadawca",
        receipt.sender_name,
        receipt.sender_address,
        _address_kind(receipt.sender_address),
    )
    _add(body, "DataDoreczenia", receipt.delivered_at.isoformat(timespec="seconds"))
    _add(
        body,
        "DataWytworzeniaPoswiadczenia",
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    _add(body, "IdentyfikatorDokumentu", receipt.document_id)
    _add(
        body,
        "SkrotDokumentu",
        base64.b64encode(hashlib.sha256(receipt.document).digest()).decode(),
        AlgorytmSkrotu="SHA-256",
    )
    _add(body, "NazwaPodmiotuPoswiadczajacego", receipt.issuer)
    return root


def issue_upo(
    receipt: Receipt, private_key_pem: str, certificate_pem: str, *, receipt_id: str | None = None
) -> tuple[str, bytes]:
    """Build the UPO, sign it (enveloped XML signature) and return ``(id, xml bytes)``."""
    root = build_upo(receipt, receipt_id=receipt_id)
    xmldsig.sign(root, private_key_pem, certificate_pem)
    return root.get("ID"), etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def receipt_id_of(upo: etree._Element) -> str:
    return (upo.findtext(f"{_q('UPO')}/{_q('IdentyfikatorPoswiadczenia')}") or "").strip()
