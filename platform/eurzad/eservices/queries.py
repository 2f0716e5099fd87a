"""What the pages and the APIs read: the forms residents may fill in now, the
applications of a Party (a draft of anyone else is simply not found), the filed ones the
office reads, and the documents an application keeps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from eurzad.cases.models import CaseDocument
from eurzad.core.private_files.delivery import content_type_of
from eurzad.eservices.models import EServiceForm, Submission, SubmissionFile
from eurzad.parties.models import Party

UNFINISHED = (Submission.State.DRAFT, Submission.State.AWAITING_PAYMENT)


def online_forms() -> QuerySet[EServiceForm]:
    """The live forms, by name (the list of e-services)."""
    return EServiceForm.objects.filter(live=True).select_related("service").order_by("name")


def online_form(slug: str) -> EServiceForm | None:
    return online_forms().filter(slug=slug).first()


def applications_of(party: Party) -> QuerySet[Submission]:
    """The Party's applications, unfinished ones first, then the newest."""
    return (
        Submission.objects.filter(party=party)
        .select_related("form", "case__status")
        .order_by("-updated_at", "-pk")
    )


def application_of(party: Party | None, submission_id: int) -> Submission | None:
    """One of ``party``'s applications (None: an anonymous report, which only the browser
    that started it reaches, by the id kept in its session)."""
    return (
        Submission.objects.filter(pk=submission_id, party=party)
        .select_related("form", "revision", "party", "case", "fee_installment")
        .first()
    )


def filed_applications() -> QuerySet[Submission]:
    """The town's submitted applications (never a draft, nor one waiting for its fee),
    the latest filed first."""
    return (
        Submission.objects.filter(state=Submission.State.SUBMITTED)
        .select_related("form", "party", "case", "filed_by__party", "mandate")
        .order_by("-submitted_at", "-pk")
    )


@dataclass(frozen=True)
class ApplicationDocument:
    """A file an application keeps: a document of its case (a Party's, once filed), or a
    file of its own (a draft's attachment; an anonymous report's documents)."""

    id: int
    title: str
    name: str
    file: FieldFile

    @property
    def content_type(self) -> str:
        return content_type_of(self.name)


def _case_documents(case_id: int) -> QuerySet[CaseDocument]:
    # What the filing put in the case: the letters "to the office" received through the
    # portal (the office's own letters in the case are the case's, not the application's).
    return CaseDocument.objects.filter(
        case_id=case_id,
        direction=CaseDocument.Direction.INCOMING,
        channel=CaseDocument.Channel.PORTAL,
    ).exclude(attachment="")


def _own_files(submission: Submission) -> QuerySet[SubmissionFile]:
    return SubmissionFile.objects.filter(submission=submission)


def _own(stored: SubmissionFile) -> ApplicationDocument:
    title = (
        stored.name if stored.kind == SubmissionFile.Kind.ATTACHMENT else stored.get_kind_display()
    )
    return ApplicationDocument(stored.pk, str(title), stored.name, stored.file)


def _of_case(document: CaseDocument) -> ApplicationDocument:
    return ApplicationDocument(
        document.pk, document.title, document.attachment_name or "plik", document.attachment
    )


def documents_of(submission: Submission) -> list[ApplicationDocument]:
    """The application's files, in the order they were made."""
    if submission.case_id is not None:
        return [_of_case(document) for document in _case_documents(submission.case_id)]
    return [_own(stored) for stored in _own_files(submission)]


def document_of(submission: Submission, document_id: int) -> ApplicationDocument | None:
    """One of :func:`documents_of` by its id; None for anything else."""
    if submission.case_id is not None:
        document = _case_documents(submission.case_id).filter(pk=document_id).first()
        return _of_case(document) if document is not None else None
    stored = _own_files(submission).filter(pk=document_id).first()
    return _own(stored) if stored is not None else None
