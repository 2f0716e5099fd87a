"""What the pages read: the forms residents may fill in now and the applications of a
Party (a draft of anyone else is simply not found)."""

from __future__ import annotations

from django.db.models import QuerySet

from eurzad.eservices.models import EServiceForm, Submission
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
