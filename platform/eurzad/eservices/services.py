"""The use cases of an application: start it, save answers, submit it (into a case).

Every function takes objects the caller already read in the current town's schema; the
views pass only what the acting resident may reach, and each function checks again what
it relies on (the form is live, the Party may be acted for, the version is the one the
draft was started on), so an API call cannot do what the page would not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.cases.services import open_case
from eurzad.eservices.answers import Checked, check, given
from eurzad.eservices.attachments import delete_files, foreign_tokens
from eurzad.eservices.definition import Definition, Step
from eurzad.eservices.digest import digest_of
from eurzad.eservices.errors import AuthenticationRequired, SubmissionRefused
from eurzad.eservices.fees import cancel_fee, fee_installment, fee_paid
from eurzad.eservices.filing import described_answers, keep_documents
from eurzad.eservices.models import (
    EServiceForm,
    EServiceSettings,
    Submission,
    SubmissionFile,
    definition_of,
)
from eurzad.eservices.prefill import prefilled
from eurzad.eservices.signals import submission_filed
from eurzad.finance.models import Installment
from eurzad.identity.authentication import Authentication
from eurzad.identity.models import Representation, Resident
from eurzad.identity.representation import active_mandates
from eurzad.parties.models import Party

SOURCE = "eurzad"  # the cases the portal opens: Case.source

__all__ = ["AuthenticationRequired", "SubmissionRefused", "check_draft", "delete_draft",
           "expire_drafts", "file_paid", "reopen", "save_answers", "start", "submit"]  # fmt: skip


def _mandate(resident: Resident, party: Party) -> Representation | None:
    """The resident's mandate to file for ``party`` (None: it is the resident's own)."""
    if resident.party_id == party.pk:
        return None
    for mandate in active_mandates(resident):
        if mandate.party_id == party.pk and mandate.scope == Representation.Scope.FILE:
            return mandate
    raise SubmissionRefused(
        _("Nie masz upoważnienia do składania wniosków w imieniu tej osoby lub firmy."),
        "you hold no mandate to file applications for this person or firm",
    )


def start(form: EServiceForm, party: Party | None, resident: Resident | None) -> Submission:
    """A draft of ``form``'s live version for ``party`` (None: an anonymous report, when
    the form allows it), filled in with what the town knows of the Party."""
    if not form.live or form.live_revision is None:
        raise SubmissionRefused(
            _("Ten formularz nie jest teraz dostępny."), "this form is not available now"
        )
    if party is None or resident is None:
        if not form.anonymous:
            raise SubmissionRefused(
                _("Aby złożyć ten wniosek, zaloguj się przez login.gov.pl."),
                "log in with login.gov.pl to file this application",
            )
        party, resident = None, None
    mandate = _mandate(resident, party) if resident and party else None
    definition = definition_of(form.live_revision)
    days = EServiceSettings.load().draft_days
    return Submission.objects.create(
        form=form,
        revision=form.live_revision,
        party=party,
        filed_by=resident,
        mandate=mandate,
        answers=prefilled(definition.fields(), party) if party else {},
        expires_at=timezone.now() + timedelta(days=days),
    )


def _definition(submission: Submission, revision_id: int | None) -> Definition:
    if revision_id is not None and revision_id != submission.revision_id:
        raise SubmissionRefused(
            _("Formularz zmienił się w innej karcie lub na innym urządzeniu – odśwież stronę."),
            "the form changed elsewhere; reload the page",
        )
    if submission.state != Submission.State.DRAFT:
        raise SubmissionRefused(
            _("Ten wniosek został już złożony."), "this application was already submitted"
        )
    return definition_of(submission.revision)


def save_answers(
    submission: Submission,
    raw: dict,
    steps: list[Step] | None = None,
    revision_id: int | None = None,
) -> Checked:
    """Keep ``raw`` answers in the draft (what was typed is kept even when refused, so
    nothing is lost) and say what is wrong with them; ``steps``: the step just filled."""
    definition = _definition(submission, revision_id)
    answers = given(definition, submission.answers)
    checked = check(definition, {**answers, **raw}, steps=steps, complete=True)
    checked.errors.update(foreign_tokens(submission, definition, checked.answers))
    computed = {spec.key for spec in definition.fields() if spec.kind == "computed"}
    submission.answers = {k: v for k, v in checked.answers.items() if k not in computed}
    submission.save(update_fields=["answers", "updated_at"])
    return checked


@dataclass(frozen=True)
class Filed:
    """Where a submitted application is now: filed (a case), or waiting for the
    resident's signature or the fee's payment."""

    submission: Submission
    needs_payment: bool
    needs_signature: bool = False


def signature_required(submission: Submission) -> bool:
    """Whether the form version the application is made on must be signed (podpis
    zaufany) before it is filed."""
    return bool(submission.revision.content.get("signature_required", False))


@transaction.atomic
def submit(submission: Submission, authentication: Authentication | None) -> Filed:
    """Submit the draft: complete answers, made in a login.gov.pl session (an anonymous
    form excepted). With a fee to pay, it waits for the payment (no case yet); otherwise
    it becomes a case at once. Raises SubmissionRefused (incomplete: with the fields), or
    AuthenticationRequired for a Party's application without a login.gov.pl login."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    definition = _definition(submission, None)
    checked = _complete_answers(submission, definition)
    submission.answers = checked.answers
    submission.reference = f"EU/{timezone.localdate().year}/{submission.pk:06d}"
    fee = Decimal(checked.answers.get(definition.fee_field, "0")) if definition.fee_field else None
    submission.fee = fee
    if submission.party is not None:
        if authentication is None:
            raise AuthenticationRequired(
                _("Wniosek można złożyć tylko po zalogowaniu przez login.gov.pl."),
                "an application can be filed only after logging in with login.gov.pl",
            )
        submission.assertion_id = authentication.assertion_id
        submission.level_of_assurance = authentication.level_of_assurance
        submission.authenticated_at = authentication.authenticated_at
    elif fee:
        raise SubmissionRefused(
            _("Wniosek z opłatą można złożyć tylko po zalogowaniu przez login.gov.pl."),
            "an application with a fee can be filed only after logging in",
        )
    submission.digest = digest_of(submission, described_answers(submission, definition))
    if signature_required(submission) and submission.signed_at is None:
        if submission.party is None:
            raise SubmissionRefused(
                _("Ten wniosek wymaga podpisu zaufanego – zaloguj się przez login.gov.pl."),
                "this application must be signed with a trusted signature; log in first",
            )
        submission.state = Submission.State.SIGNING
        submission.save()
        return Filed(submission, needs_payment=False, needs_signature=True)
    return after_signature(submission)


def after_signature(submission: Submission) -> Filed:
    """Go on with a complete (and, where the form asks for it, signed) application, in
    the caller's transaction: to its fee, or filed at once."""
    if submission.fee and not (submission.fee_installment_id and fee_paid(submission)):
        submission.state = Submission.State.AWAITING_PAYMENT
        submission.save()
        fee_installment(submission)
        return Filed(submission, needs_payment=True)
    _file(submission)
    return Filed(submission, needs_payment=False)


def _checked_in_full(submission: Submission, definition: Definition) -> Checked:
    checked = check(definition, given(definition, submission.answers))
    checked.errors.update(foreign_tokens(submission, definition, checked.answers))
    return checked


def check_draft(submission: Submission) -> Checked:
    """The draft's answers checked as they would be filed (complete, each file its own):
    what keeps it from being submitted now, by field path, and the values the office
    computes from it (the fee among them)."""
    return _checked_in_full(submission, definition_of(submission.revision))


def _complete_answers(submission: Submission, definition: Definition) -> Checked:
    checked = _checked_in_full(submission, definition)
    if not checked.valid:
        raise SubmissionRefused(
            _("Wniosek nie jest kompletny – popraw wskazane pola."),
            "the application is not complete; correct the fields shown",
            checked.errors,
        )
    return checked


@transaction.atomic
def file_paid(submission: Submission) -> bool:
    """File an application whose fee is now paid (from the payment's booking); True when
    it became a case. One changed since (a draft again, its answers no longer complete)
    stays a draft: its paid fee is not asked for again."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state == Submission.State.SUBMITTED or not fee_paid(submission):
        return False
    definition = definition_of(submission.revision)
    checked = _checked_in_full(submission, definition)
    if not checked.valid:
        back_to_draft(submission)
        return False
    submission.answers = checked.answers
    submission.digest = digest_of(submission, checked.answers)
    _file(submission)
    return True


def _file(submission: Submission) -> None:
    """The submitted application becomes a case of the town's register (and is told to
    the rest of the platform: :data:`eurzad.eservices.signals.submission_filed`)."""
    now = timezone.now()
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = now
    definition = definition_of(submission.revision)
    submission.answers = described_answers(submission, definition)
    submission.digest = digest_of(submission, submission.answers)
    if submission.party is not None:
        submission.case = open_case(
            party=submission.party,
            subject=submission.form.case_subject,
            jrwa_symbol=submission.form.jrwa_symbol,
            source=SOURCE,
            external_id=submission.reference,
            sign=f"EU.{submission.form.jrwa_symbol}.{submission.pk}.{now.year}",
            received_at=now,
            note=_("Wniosek złożony w e-Urzędzie: %(reference)s")
            % {"reference": submission.reference},
        )
    submission.save()
    keep_documents(submission, definition)
    submission_filed.send(sender=Submission, submission=submission)


@transaction.atomic
def delete_draft(submission: Submission) -> None:
    """Give up a draft (or one waiting for its fee): its files go, an unpaid fee is
    cancelled."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state == Submission.State.SUBMITTED:
        raise SubmissionRefused(
            _("Złożonego wniosku nie można usunąć."), "a filed application cannot be deleted"
        )
    if submission.fee_installment_id and fee_paid(submission):
        raise SubmissionRefused(
            _("Opłata za ten wniosek jest już zapłacona – dokończ go zamiast usuwać."),
            "the fee of this application is paid; finish it instead of deleting it",
        )
    cancel_fee(submission)
    delete_files(submission.files.all())
    submission.delete()


def expire_drafts(now: datetime | None = None) -> int:
    """Delete the drafts past their expiry (the town's setting), except those whose fee
    was paid or is being paid; returns how many went."""
    now = now or timezone.now()
    expired = Submission.objects.filter(
        state__in=[Submission.State.DRAFT, Submission.State.AWAITING_PAYMENT], expires_at__lt=now
    ).exclude(fee_installment__state=Installment.State.PAID)
    gone = 0
    for submission in expired:
        try:
            delete_draft(submission)
        except SubmissionRefused:
            continue
        gone += 1
    return gone


def back_to_draft(submission: Submission) -> None:
    """A draft again (``submission`` locked by the caller): its signature, made on what
    may now change, no longer counts."""
    submission.state = Submission.State.DRAFT
    submission.signing_url = submission.signing_document = ""
    submission.signer_name = submission.signer_pesel = ""
    submission.signed_at = None
    submission.save()
    delete_files(submission.files.filter(kind=SubmissionFile.Kind.SIGNED_XML))


@transaction.atomic
def reopen(submission: Submission) -> None:
    """An application waiting for its signature or fee becomes a draft again, to be
    changed (not while a payment of the fee is under way)."""
    from eurzad.finance.gateways.models import PaymentIntent

    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state not in (Submission.State.AWAITING_PAYMENT, Submission.State.SIGNING):
        return
    if PaymentIntent.objects.filter(
        items__installment=submission.fee_installment_id, status__in=PaymentIntent.OPEN
    ).exists():
        raise SubmissionRefused(
            _("Trwa płatność za ten wniosek – poczekaj na jej wynik."),
            "a payment of this application's fee is under way; wait for its outcome",
        )
    back_to_draft(submission)
