"""Podpis zaufany for a form that asks for it: the application's XML copy is handed to
the government's signing service (TpSigning5, :mod:`eurzad.channels.trusted_signature`),
the resident signs it there, and the signed document comes back to be filed with the
application (its fee, if any, is paid after signing).

The document is kept as it was sent, so the signed one is compared with exactly those
bytes; the signer must be the logged-in resident (a representative signs as themselves).
"""

from __future__ import annotations

import copy
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.channels.trusted_signature import (
    SignedDocument,
    TrustedSignatureError,
    fetch_signed,
    signing_config,
    start_signing,
)
from eurzad.eservices.documents import as_xml
from eurzad.eservices.errors import SubmissionRefused
from eurzad.eservices.filing import described_answers
from eurzad.eservices.models import Submission, SubmissionFile, definition_of
from eurzad.eservices.services import Filed, after_signature, back_to_draft
from eurzad.identity.models import Resident


def _refused(error: TrustedSignatureError) -> SubmissionRefused:
    return SubmissionRefused(error.message("pl"), error.message("en"))


def document_to_sign(submission: Submission) -> bytes:
    """The application's XML copy as it will be filed (attachments by name, size and
    SHA-256)."""
    definition = definition_of(submission.revision)
    shown = copy.copy(submission)
    shown.answers = described_answers(submission, definition)
    return as_xml(shown, definition)


def begin_signing(submission: Submission, *, success_url: str, failure_url: str) -> str:
    """Hand the application over for signing; returns the government page to send the
    resident to."""
    if submission.state != Submission.State.SIGNING:
        raise SubmissionRefused(
            _("Ten wniosek nie czeka na podpis."), "this application awaits no signature"
        )
    document = document_to_sign(submission)
    try:
        url = start_signing(
            signing_config(),
            document,
            success_url=success_url,
            failure_url=failure_url,
            additional_info=submission.form.name[:200],
        )
    except TrustedSignatureError as error:
        raise _refused(error) from error
    Submission.objects.filter(pk=submission.pk).update(
        signing_url=url, signing_document=document.decode(), updated_at=timezone.now()
    )
    return url


def complete_signing(submission: Submission, resident: Resident) -> Filed:
    """The resident came back from signing: fetch the signed document (outside any
    lock: it is a call to the service), check it is what was sent and who signed it,
    keep it, and go on (to the fee, or filed). Signed by someone else: a draft again."""
    if submission.state != Submission.State.SIGNING or not submission.signing_url:
        raise SubmissionRefused(
            _("Ten wniosek nie czeka na podpis."), "this application awaits no signature"
        )
    try:
        signed = fetch_signed(
            signing_config(), submission.signing_url, document=submission.signing_document.encode()
        )
    except TrustedSignatureError as error:
        raise _refused(error) from error
    own = resident.party.pesel if resident.party is not None else ""
    if own and signed.pesel != own:
        cancel_signing(submission)
        raise SubmissionRefused(
            _("Wniosek podpisała inna osoba niż zalogowana – podpisz go swoim profilem."),
            "someone other than the logged-in resident signed the application",
        )
    return _keep_signed(submission, signed)


@transaction.atomic
def _keep_signed(submission: Submission, signed: SignedDocument) -> Filed:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != Submission.State.SIGNING:  # a second tab came back first
        raise SubmissionRefused(
            _("Ten wniosek nie czeka na podpis."), "this application awaits no signature"
        )
    stored = SubmissionFile(
        submission=submission,
        kind=SubmissionFile.Kind.SIGNED_XML,
        content_type="application/xml",
        size=len(signed.content),
        sha256=hashlib.sha256(signed.content).hexdigest(),
    )
    name = f"{submission.reference.replace('/', '-')}-podpisany.xml"
    stored.file.save(name, ContentFile(signed.content), save=False)
    stored.save()
    submission.signer_name = f"{signed.first_name} {signed.last_name}".strip()[:200]
    submission.signer_pesel = signed.pesel
    submission.signed_at = signed.signed_at or timezone.now()
    submission.save()
    return after_signature(submission)


@transaction.atomic
def cancel_signing(submission: Submission) -> None:
    """The resident cancelled on the signing page: the application is a draft again."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state == Submission.State.SIGNING:
        back_to_draft(submission)
