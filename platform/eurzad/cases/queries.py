"""What the resident area shows of a Party's cases.

Every function takes the acting Party and reads only the cases where it is the party or a
co-party: another Party's case or document id is simply not found.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from eurzad.cases.models import Case, CaseDocument, CaseStatusChange, LetterDelivery
from eurzad.core.postgresql.compiled import BoundQuery, CompiledQuery
from eurzad.parties.models import Party


def cases_of(party: Party) -> QuerySet[Case]:
    """The cases the Party is a party or co-party to, newest first."""
    return (
        Case.objects.filter(Q(party=party) | Q(co_parties=party))
        .distinct()
        .select_related("status")
        .order_by("status__final", "-received_on", "-pk")
    )


_CASES = CompiledQuery(lambda party_id: cases_of(Party(pk=party_id)), party_id=-7_001)


def listed_cases(party: Party) -> BoundQuery:
    """The Party's cases as Mój e-Urząd lists them, for a paginator (built once: the list
    is one of the area's most visited pages)."""
    return _CASES.bound(party_id=party.pk)


_WAITING = CompiledQuery(
    lambda party_id: (
        cases_of(Party(pk=party_id))
        .filter(status__waiting_for_resident=True)
        .order_by()
        .values("pk")
    ),
    party_id=-7_001,
)


def waiting_for(party: Party) -> int:
    """How many of the Party's cases wait for it to act (the menu's status)."""
    return _WAITING.count(party_id=party.pk)


def case_of(party: Party, case_id: int) -> Case | None:
    """One of the Party's cases with its history and documents; None when not theirs.
    Each document carries ``deliveries_to_party``: how it was sent to this Party (not to
    the other parties), with the provider's evidence."""
    return (
        cases_of(party)
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=CaseStatusChange.objects.select_related("status").order_by(
                    "changed_at", "pk"
                ),
            ),
            Prefetch(
                "documents",
                queryset=CaseDocument.objects.order_by("dated", "pk").prefetch_related(
                    Prefetch(
                        "deliveries",
                        queryset=LetterDelivery.objects.filter(party=party).prefetch_related(
                            "evidences"
                        ),
                        to_attr="deliveries_to_party",
                    )
                ),
            ),
        )
        .filter(pk=case_id)
        .first()
    )


def case_to_answer(party: Party, case_id: int) -> Case | None:
    """One of the Party's cases, for a reply to the office; None when not theirs."""
    return cases_of(party).filter(pk=case_id).first()


def documents_of(party: Party) -> QuerySet[CaseDocument]:
    """The letters and documents of every case the Party is a party or co-party to."""
    cases = Case.objects.filter(Q(party=party) | Q(co_parties=party)).values("pk")
    return CaseDocument.objects.filter(case__in=cases)


def document_of(party: Party, case_id: int, document_id: int) -> CaseDocument | None:
    """A document of one of the Party's cases, with an attachment; None otherwise."""
    case = cases_of(party).filter(pk=case_id).first()
    if case is None:
        return None
    return CaseDocument.objects.filter(case=case, pk=document_id).exclude(attachment="").first()
