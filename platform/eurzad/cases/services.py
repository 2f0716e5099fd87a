"""Use cases of cases: record a status change or a letter, and tell the Party's people."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from eurzad.cases.models import Case, CaseDocument, CaseStatus, CaseStatusChange
from eurzad.identity.models import Representation, Resident
from eurzad.notifications.services import send
from eurzad.parties.models import Party


def _case_link(case: Case) -> str:
    try:
        return reverse("cases:case", args=[case.pk])
    except NoReverseMatch:  # outside a town's URLconf (e.g. a management command)
        return f"/konto/sprawy/{case.pk}/"


def _recipients(case: Case) -> list[tuple[object, object]]:
    """(user, Party) for the resident of the case's party and each co-party, and every
    resident holding a view or pay mandate for them; each user once."""
    parties = [case.party, *case.co_parties.all()]
    seen: set[int] = set()
    out: list[tuple[object, object]] = []
    for party in parties:
        residents = list(Resident.objects.filter(party=party).select_related("user"))
        for mandate in active_mandates_for(party):
            residents.append(mandate.resident)
        for resident in residents:
            if resident.user_id in seen:
                continue
            seen.add(resident.user_id)
            out.append((resident.user, party))
    return out


def active_mandates_for(party: Party) -> QuerySet[Representation]:
    """Valid mandates (of any scope) others hold for ``party``."""
    day = timezone.localdate()
    return (
        Representation.objects.filter(
            party=party,
            valid_from__lte=day,
            revoked_at__isnull=True,
        )
        .exclude(valid_until__lt=day)
        .select_related("resident__user")
    )


def _notify_all(case: Case, kind: str, context: dict[str, object], *, key: str) -> int:
    sent = 0
    for user, party in _recipients(case):
        if send(kind, user, {**context, "link": _case_link(case)}, key=key, party=party):
            sent += 1
    return sent


@transaction.atomic
def change_status(
    case: Case, status: CaseStatus, *, at: datetime | None = None, note: str = ""
) -> CaseStatusChange | None:
    """Record that ``case`` is now in ``status`` and notify its people once; None when it
    already is in that status (nothing recorded, nobody notified)."""
    if case.status_id == status.pk and case.status_changes.exists():
        return None
    at = at or timezone.now()
    change = CaseStatusChange.objects.create(case=case, status=status, changed_at=at, note=note)
    case.status = status
    fields = ["status", "updated_at"]
    if status.final and case.closed_on is None:
        case.closed_on = timezone.localtime(at).date()
        fields.append("closed_on")
    case.save(update_fields=fields)
    _notify_all(
        case,
        "case_status_changed",
        {"case": case, "status": status},
        key=f"case-status:{change.pk}",
    )
    return change


@transaction.atomic
def record_letter(case: Case, document: CaseDocument) -> CaseDocument:
    """Save a letter or document of ``case`` and notify the case's people once: of a
    letter from the office, and that the office received one of theirs."""
    document.case = case
    document.save()
    _notify_all(
        case, "case_letter", {"case": case, "document": document}, key=f"case-letter:{document.pk}"
    )
    return document


@transaction.atomic
def open_case(
    *,
    party: Party,
    subject: str,
    jrwa_symbol: str,
    source: str,
    external_id: str,
    sign: str,
    received_at: datetime | None = None,
    note: str = "",
) -> Case:
    """A case the portal opens for what a Party filed (an online application), in the
    town's first status ("złożona"); its people are notified once."""
    received_at = received_at or timezone.now()
    status = CaseStatus.objects.order_by("order", "pk").first()
    if status is None:
        raise CaseStatus.DoesNotExist("the town has no case statuses")
    case = Case.objects.create(
        sign=sign,
        jrwa_symbol=jrwa_symbol,
        subject=subject,
        party=party,
        received_on=timezone.localtime(received_at).date(),
        status=status,
        source=source,
        external_id=external_id,
    )
    change_status(case, status, at=received_at, note=note)
    return case
