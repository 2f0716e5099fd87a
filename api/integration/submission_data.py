"""How a filed online application reads for the town's systems.

The summary (a list item, a ``submission.filed`` change in the feed and the webhook) says
which application was filed, by whom and into which case; the detail adds what was filed:
the answers, the login.gov.pl login, the representative's mandate and the files, each
with the address it is downloaded from with the client's key. The applicant is named as
in the other feeds (the back office's key, else NIP, else PESEL — masked without the
``parties`` scope); the answers are the application itself, given in full."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from eurzad.core.masking import mask
from eurzad.eservices.models import Submission
from eurzad.eservices.queries import ApplicationDocument, documents_of
from eurzad.finance.exports import party_identifier
from eurzad.parties.models import Party


def party_ref(party: Party, *, full_pesel: bool) -> dict[str, str]:
    """A Party as the integration API names it: ``{"id", "id_type"}``."""
    identifier, kind = party_identifier(party)
    if kind == "pesel" and not full_pesel:
        identifier = mask(identifier)
    return {"id": identifier, "id_type": kind}


def detail_path(submission: Submission) -> str:
    return reverse("v1:integration-submission", kwargs={"submission_id": submission.pk})


def file_path(submission: Submission, document: ApplicationDocument) -> str:
    return reverse(
        "v1:integration-submission-file",
        kwargs={"submission_id": submission.pk, "file_id": document.id},
    )


def submission_summary(submission: Submission, *, full_pesel: bool) -> dict[str, Any]:
    """Which application was filed: its reference, form and version, applicant (None: an
    anonymous report), when, its case, fee and digest, and where its detail is."""
    case = submission.case
    return {
        "id": submission.pk,
        "reference": submission.reference,
        "form": {"slug": submission.form.slug, "name": submission.form.name},
        "revision": submission.revision_id,
        "party": (party_ref(submission.party, full_pesel=full_pesel) if submission.party else None),
        "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "case": (
            {"id": case.pk, "sign": case.sign, "external_id": case.external_id} if case else None
        ),
        "fee": f"{submission.fee:.2f}" if submission.fee is not None else None,
        "digest": submission.digest,
        "detail": detail_path(submission),
    }


def _authentication(submission: Submission) -> dict[str, str] | None:
    if not submission.assertion_id:
        return None
    return {
        "assertion_id": submission.assertion_id,
        "level_of_assurance": submission.level_of_assurance,
        "authenticated_at": submission.authenticated_at,
    }


def _mandate(submission: Submission, *, full_pesel: bool) -> dict[str, Any] | None:
    mandate = submission.mandate
    filed_by = submission.filed_by
    if mandate is None or filed_by is None or filed_by.party is None:
        return None
    return {
        "representative": party_ref(filed_by.party, full_pesel=full_pesel),
        "scope": mandate.scope,
        "valid_until": mandate.valid_until.isoformat() if mandate.valid_until else None,
    }


def submission_detail(submission: Submission, *, full_pesel: bool) -> dict[str, Any]:
    """The summary, the answers as filed (an attachment by its name, size and SHA-256),
    the login.gov.pl login, the mandate of a representative and the files."""
    return {
        **submission_summary(submission, full_pesel=full_pesel),
        "answers": submission.answers,
        "authentication": _authentication(submission),
        "mandate": _mandate(submission, full_pesel=full_pesel),
        "files": [
            {
                "id": document.id,
                "title": document.title,
                "name": document.name,
                "content_type": document.content_type,
                "download": file_path(submission, document),
            }
            for document in documents_of(submission)
        ],
    }
