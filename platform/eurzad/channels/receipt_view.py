"""A UPO as a person reads it, on a page and in a PDF: which receipt it is, who sent what
to whom, when, the digest of the document it attests (and whether it is the digest of
the document the office holds), and whether its signature checks against a certificate
the town trusts (ePUAP's or e-Doręczenia's, or the town's own system certificate, which
signs the receipts the town issues itself). The XML stays the record: shown beside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf.enums import XPos, YPos
from lxml import etree

from eurzad.channels.models import ChannelConfig
from eurzad.channels.upo import Party, ReceiptError, digest_of, read_receipt, verify_receipt
from eurzad.core.pdf import FONT, WARSAW, polish_pdf, write_facts, write_header, write_line
from eurzad.core.private_files.delivery import private_download
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = [
    "RECEIPT_NAMES",
    "ShownReceipt",
    "digest_text",
    "receipt_pdf",
    "receipt_pdf_download",
    "shown_receipt",
    "signature_text",
]

RECEIPT_NAMES = {
    "UPP": gettext_lazy("Urzędowe poświadczenie przedłożenia (UPP)"),
    "UPD": gettext_lazy("Urzędowe poświadczenie doręczenia (UPD)"),
    "UPO": gettext_lazy("Urzędowe poświadczenie odbioru (UPO)"),
}


@dataclass(frozen=True)
class ShownReceipt:
    kind: str  # UPP, UPD or UPO
    receipt_id: str
    document_id: str
    case_id: str
    sender: Party | None  # UPP: the sender; UPD: the office that issued it
    recipient: Party | None
    delivered_at: dt.datetime | None  # UPP: submitted; UPD: collected
    issued_at: dt.datetime | None
    digest: str  # base64 SHA-256 of the document, as the receipt states it
    digest_matches: bool | None  # against the document held; None: none held
    signed_by: str  # whose certificate the signature checks against; "" when none
    xml: str  # the receipt, indented for reading

    @property
    def name(self) -> str:
        return str(RECEIPT_NAMES.get(self.kind, self.kind))

    @property
    def sender_label(self) -> str:
        return _("Wystawca") if self.kind == "UPD" else _("Nadawca")

    @property
    def delivered_label(self) -> str:
        return _("Odebrano") if self.kind == "UPD" else _("Przedłożono")

    @property
    def signature_valid(self) -> bool:
        return bool(self.signed_by)


def _trusted_certificates() -> list[tuple[str, str]]:
    """(whose, certificate PEM) the town trusts to sign receipts, in its own schema."""
    trusted = []
    for config in ChannelConfig.objects.all():
        channel = config.get_kind_display()
        if provider := config.trusted_provider_certificate:
            trusted.append((str(channel), provider))
        if config.system_certificate:
            trusted.append((_("urząd (certyfikat systemowy, %(channel)s)") % {"channel": channel},
                            config.system_certificate))  # fmt: skip
    return trusted


def _signed_by(root: etree._Element) -> str:
    for whose, certificate in _trusted_certificates():
        try:
            verify_receipt(root, certificate)
        except ReceiptError:
            continue
        return whose
    return ""


def shown_receipt(xml: str | bytes, *, document: bytes | None = None) -> ShownReceipt | None:
    """The receipt in ``xml`` as a person reads it; ``document``: the document it attests,
    when the office holds it, to compare digests. None when ``xml`` is no receipt."""
    raw = xml.encode("utf-8") if isinstance(xml, str) else bytes(xml)
    try:
        root = parse_xml(raw)
        read = read_receipt(root)
    except (ReceiptError, UnsafeXMLError, MalformedXMLError, ValueError):
        return None
    matches = None
    if document is not None and read.digest:
        matches = digest_of(bytes(document)) == read.digest
    pretty = etree.tostring(root, pretty_print=True, encoding="unicode")
    return ShownReceipt(
        kind=read.kind,
        receipt_id=read.receipt_id,
        document_id=read.document_id,
        case_id=read.case_id,
        sender=read.sender,
        recipient=read.recipient,
        delivered_at=read.delivered_at,
        issued_at=read.issued_at,
        digest=read.digest,
        digest_matches=matches,
        signed_by=_signed_by(root),
        xml=pretty,
    )


def _when(value: dt.datetime | None) -> str:
    return value.astimezone(WARSAW).strftime("%d.%m.%Y %H:%M:%S") if value else "—"


def _party(party: Party | None) -> str:
    if party is None:
        return "—"
    return f"{party.name} ({party.identifier})" if party.identifier else party.name


def signature_text(receipt: ShownReceipt) -> str:
    if receipt.signature_valid:
        return _("podpis poprawny – %(whose)s") % {"whose": receipt.signed_by}
    return _("podpisu nie potwierdzono żadnym certyfikatem, któremu ufa urząd")


def digest_text(receipt: ShownReceipt) -> str:
    if receipt.digest_matches is None:
        return _("urząd nie przechowuje dokumentu, którego dotyczy")
    if receipt.digest_matches:
        return _("zgodny z dokumentem przechowywanym w urzędzie")
    return _("NIEZGODNY z dokumentem przechowywanym w urzędzie")


def receipt_pdf(receipt: ShownReceipt, town: str) -> bytes:
    """The receipt on paper: its facts, the signature's and the digest's check, and the
    XML it was read from."""
    pdf = polish_pdf(receipt.name, town)
    write_header(pdf, town, receipt.name)
    facts = [
        (_("Identyfikator"), receipt.receipt_id or "—"),
        (receipt.sender_label, _party(receipt.sender)),
        (_("Adresat"), _party(receipt.recipient)),
        (_("Dokument"), receipt.document_id or "—"),
        (receipt.delivered_label, _when(receipt.delivered_at)),
        (_("Wystawiono"), _when(receipt.issued_at)),
        (_("Skrót SHA-256"), receipt.digest or "—"),
        (_("Zgodność skrótu"), digest_text(receipt) if receipt.digest else "—"),
        (_("Podpis"), signature_text(receipt)),
    ]
    if receipt.case_id:
        facts.insert(4, (_("Sprawa"), receipt.case_id))
    write_facts(pdf, facts)
    pdf.ln(4)
    write_line(pdf, _("Poświadczenie w postaci XML"), 11, "B", 7)
    pdf.set_font(FONT, "", 6.5)
    pdf.multi_cell(pdf.epw, 3.2, receipt.xml, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    write_line(
        pdf,
        _(
            "Wydruk czytelnej postaci poświadczenia. Dowodem jest poświadczenie w postaci XML "
            "z podpisem elektronicznym; wydruk go nie zastępuje."
        ),
        8,
        height=5,
    )
    return bytes(pdf.output())


def receipt_pdf_download(receipt: ShownReceipt, town: str, filename: str) -> HttpResponse:
    """The receipt's PDF as a private download named ``filename``."""
    return private_download(receipt_pdf(receipt, town), filename, "application/pdf")
