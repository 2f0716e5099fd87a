"""What is kept when an application is filed: its PDF, its XML and JSON copies and the
town's signed receipt (UPP), as private files, with the resident's attachments.

An application from a Party lands in its case (each document a letter "to the office",
received through the portal), where the resident and the clerk read it like any other;
an anonymous report has no case, and keeps its documents with itself for the office.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.cases.models import CaseDocument
from eurzad.eservices.attachments import delete_files
from eurzad.eservices.definition import Definition
from eurzad.eservices.documents import as_json, as_xml
from eurzad.eservices.models import Submission, SubmissionFile
from eurzad.eservices.printout import as_pdf
from eurzad.eservices.receipt import NoSystemKey, receipt_pdf, town_receipt_xml

logger = logging.getLogger(__name__)
Kind = SubmissionFile.Kind


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    name: str
    content_type: str
    content: bytes


def described_answers(submission: Submission, definition: Definition) -> dict:
    """The answers as filed: each attached file by its name, size and SHA-256 (so the
    digest covers the files' content), not by the draft's token."""
    files = {stored.token: stored for stored in submission.files.filter(kind=Kind.ATTACHMENT)}
    answers = dict(submission.answers)
    for spec in definition.fields():
        tokens = answers.get(spec.key)
        if spec.kind == "file" and isinstance(tokens, list):
            answers[spec.key] = [
                {"name": files[token].name, "size": files[token].size,
                 "sha256": files[token].sha256}
                for token in tokens if token in files
            ]  # fmt: skip
    return answers


def documents_of(submission: Submission, definition: Definition) -> list[Document]:
    """The filed application's documents (the receipt left out, and logged, while the
    town has no system key to sign it)."""
    reference = submission.reference.replace("/", "-")
    copy = as_xml(submission, definition)
    made = [
        Document(Kind.FORM_PDF, _("Wniosek %(reference)s") % {"reference": submission.reference},
                 f"{reference}.pdf", "application/pdf", as_pdf(submission, definition)),
        Document(Kind.FORM_XML, _("Wniosek %(reference)s – kopia XML")
                 % {"reference": submission.reference}, f"{reference}.xml", "application/xml",
                 copy),
        Document(Kind.FORM_JSON, _("Wniosek %(reference)s – kopia JSON")
                 % {"reference": submission.reference}, f"{reference}.json", "application/json",
                 as_json(submission, definition)),
    ]  # fmt: skip
    try:
        receipt = town_receipt_xml(submission, copy=copy)
    except NoSystemKey:
        logger.warning("No system key: application %s filed without a receipt", submission.pk)
        return made
    title = _("Urzędowe poświadczenie przedłożenia (UPP)")
    made += [
        Document(Kind.RECEIPT_XML, f"{title} – XML", f"UPP-{reference}.xml", "application/xml",
                 receipt),
        Document(Kind.RECEIPT_PDF, title, f"UPP-{reference}.pdf", "application/pdf",
                 receipt_pdf(receipt, copy=copy)),
    ]  # fmt: skip
    return made


def keep_documents(submission: Submission, definition: Definition) -> None:
    """Store the filed application's documents and attachments (in its case, when it has
    one); called in the filing's transaction, after the answers were described."""
    documents = documents_of(submission, definition)
    if submission.case is None:
        for document in documents:
            stored = SubmissionFile(
                submission=submission,
                kind=document.kind,
                content_type=document.content_type,
                size=len(document.content),
                sha256=hashlib.sha256(document.content).hexdigest(),
            )
            stored.file.save(document.name, ContentFile(document.content), save=False)
            stored.save()
        return
    today = timezone.localdate()
    attachments = list(submission.files.filter(kind__in=[Kind.ATTACHMENT, Kind.SIGNED_XML]))
    letters = [(document.title, document.name, document.content) for document in documents]
    for stored in attachments:
        if stored.kind == Kind.SIGNED_XML:
            title = _("Wniosek %(reference)s podpisany podpisem zaufanym (XML)") % {
                "reference": submission.reference
            }
        else:
            title = _("Załącznik: %(name)s") % {"name": stored.name}
        with stored.file.open("rb") as handle:
            letters.append((title, stored.name, handle.read()))
    for title, name, content in letters:
        letter = CaseDocument(
            case=submission.case,
            direction=CaseDocument.Direction.INCOMING,
            title=title[:300],
            dated=today,
            channel=CaseDocument.Channel.PORTAL,
            delivery=CaseDocument.Delivery.RECEIVED,
        )
        letter.attachment.save(name, ContentFile(content), save=False)
        letter.save()
    delete_files(attachments)  # now the case's: kept once
