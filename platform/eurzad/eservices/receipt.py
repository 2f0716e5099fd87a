"""The official receipt of an application filed in the portal: a UPP (Urzędowe
Poświadczenie Przedłożenia, eurzad.channels.upo) the town issues itself, signed with its
system key, and the same receipt on one page of PDF.

The UPP says what was received (IdentyfikatorDokumentu: the application's reference; the
form's name and the application's digest as InformacjaUzupelniajaca), when, from whom
(the applicant by PESEL or NIP; an anonymous report by no one), by which office, and the
SHA-256 of the application's XML copy: of exactly the bytes the office keeps.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from eurzad.channels.receipt_view import (
    RECEIPT_NAMES,
    ShownReceipt,
    digest_text,
    shown_receipt,
    signature_text,
)
from eurzad.channels.services import receipt_issuer
from eurzad.channels.upo import Receipt as Upp
from eurzad.channels.upo import ReceiptError, issue_upp, read_receipt
from eurzad.core.pdf import polish_pdf, write_facts, write_header, write_line
from eurzad.eservices.documents import as_xml
from eurzad.eservices.filed import NotFiled, coat_of_arms, current_town, form_name_of
from eurzad.eservices.models import Submission, definition_of
from eurzad.eservices.printout import when

__all__ = [
    "APPLICATION_DIGEST",
    "FORM_NAME",
    "NoSystemKey",
    "receipt_pdf",
    "receipt_xml",
    "town_receipt_xml",
]

# The types of the receipt's InformacjaUzupelniajaca beside the XML copy's digest
# (eurzad's names, as for that one: eurzad.channels.upo.DIGEST_INFORMATION).
FORM_NAME = "NazwaFormularza"
APPLICATION_DIGEST = "SkrotWnioskuSHA256"


class NoSystemKey(RuntimeError):
    """The town has no system key to sign receipts with (it is not provisioned yet)."""


def _sender(submission: Submission) -> tuple[str, str, str]:
    """(name, identifier, its kind) of who filed the application."""
    party = submission.party
    if party is None:
        # An official record: in Polish, whichever language the resident reads in.
        with translation.override("pl"):
            return _("zgłaszający anonimowy"), "", ""
    if party.pesel:
        return party.display_name, party.pesel, "PESEL"
    return party.display_name, party.nip, "NIP" if party.nip else ""


def receipt_xml(
    submission: Submission,
    *,
    private_key_pem: str,
    certificate_pem: str,
    office_address: str = "",
    copy: bytes | None = None,
) -> bytes:
    """The signed UPP of ``submission`` (filed, in the current town's schema).

    ``copy``: the application's XML copy as the office keeps it (made now by
    :func:`eurzad.eservices.documents.as_xml` when not given), whose SHA-256 it attests;
    ``office_address``: the office's address on ePUAP or e-Doręczenia."""
    if submission.submitted_at is None:
        raise NotFiled(submission.pk)
    if copy is None:
        copy = as_xml(submission, definition_of(submission.revision))
    name, identifier, kind = _sender(submission)
    _receipt_id, signed = issue_upp(
        Upp(
            recipient_name=current_town().office,
            recipient_address=office_address,
            sender_name=name,
            sender_address=identifier,
            sender_identifier_kind=kind,
            document_id=submission.reference,
            document=copy,
            delivered_at=submission.submitted_at,
            information=(
                (FORM_NAME, form_name_of(submission)),
                (APPLICATION_DIGEST, submission.digest),
            ),
        ),
        private_key_pem,
        certificate_pem,
    )
    return signed


def town_receipt_xml(submission: Submission, *, copy: bytes | None = None) -> bytes:
    """:func:`receipt_xml` signed with the town's own system key (its ePUAP channel's,
    else its e-Doręczenia channel's), naming the office by its address there."""
    config = receipt_issuer()
    if config is None:
        raise NoSystemKey(_("Urząd nie ma jeszcze klucza systemu do podpisywania poświadczeń."))
    return receipt_xml(
        submission,
        private_key_pem=config.system_private_key,
        certificate_pem=config.system_certificate,
        office_address=config.address,
        copy=copy,
    )


def _party(name: str, identifier: str, kind: str) -> str:
    if not identifier:
        return name
    return f"{name} ({kind} {identifier})" if kind in ("PESEL", "NIP") else f"{name} ({identifier})"


def _facts(shown: ShownReceipt, extra: dict[str, str]) -> list[tuple[str, str]]:
    sender, recipient = shown.sender, shown.recipient
    document = shown.document_id
    if extra.get(FORM_NAME):
        document = _("%(form)s, nr %(reference)s") % {
            "form": extra[FORM_NAME],
            "reference": shown.document_id,
        }
    facts = [
        (_("Identyfikator"), shown.receipt_id),
        (_("Dokument"), document),
        (_("Nadawca"), _party(sender.name, sender.identifier, sender.kind) if sender else "—"),
        (_("Adresat"), _party(recipient.name, recipient.identifier, "") if recipient else "—"),
        (_("Przedłożono"), when(shown.delivered_at)),
        (_("Wystawiono"), when(shown.issued_at)),
        (_("Podpis"), signature_text(shown)),
    ]
    if shown.digest_matches is not None:
        facts.append((_("Zgodność skrótu"), digest_text(shown)))
    return facts


def receipt_pdf(receipt: bytes, *, copy: bytes | None = None) -> bytes:
    """The receipt on one page: its facts as the signed XML states them, the signature
    checked against the certificates the town trusts, and (given the XML ``copy`` the
    office keeps) whether its digest is that copy's."""
    shown = shown_receipt(receipt, document=copy)
    if shown is None:
        raise ReceiptError(_("To nie jest poświadczenie przedłożenia."))
    extra = dict(read_receipt(receipt).extra)
    town = current_town()
    pdf = polish_pdf(str(RECEIPT_NAMES["UPP"]), town.official_name)
    address = ", ".join(part for part in (town.office, town.address) if part)
    write_header(
        pdf, town.official_name, str(RECEIPT_NAMES["UPP"]), address=address, arms=coat_of_arms()
    )
    write_facts(pdf, _facts(shown, extra))
    pdf.ln(3)
    write_line(pdf, _("Skrót SHA-256 kopii XML wniosku (base64)"), 10, "B", 7)
    write_line(pdf, shown.digest or "—", 9, height=5)
    if extra.get(APPLICATION_DIGEST):
        write_line(pdf, _("Skrót SHA-256 wniosku"), 10, "B", 7)
        write_line(pdf, extra[APPLICATION_DIGEST], 9, height=5)
    pdf.ln(4)
    write_line(
        pdf,
        _(
            "Wydruk czytelnej postaci poświadczenia. Dowodem jest poświadczenie w postaci XML "
            "podpisane kluczem systemu urzędu; wydruk go nie zastępuje."
        ),
        8,
        height=5,
    )
    return bytes(pdf.output())
