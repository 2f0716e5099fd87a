"""Wniosek o dostęp: filing an access request (in the portal after login.gov.pl, or from a
signed document received through ePUAP / e-Doręczenia) and the office's decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.identity.accounts import open_account
from eurzad.identity.models import (
    AccessRequest,
    AccountSettings,
    Representation,
    RequestedAuthorisation,
    Resident,
)
from eurzad.notifications.services import send
from eurzad.parties.models import Party


@dataclass(frozen=True)
class Applicant:
    """Who asks: identity verified by login.gov.pl or by the document's signature."""

    first_name: str
    last_name: str
    pesel: str
    date_of_birth: date | None
    verified_by: str


@dataclass
class Authorisation:
    kind: str
    name: str
    pesel: str = ""
    nip: str = ""
    scope: str = Representation.Scope.VIEW
    valid_until: date | None = None
    document_name: str = ""
    document: bytes | None = None


@dataclass
class Contact:
    email: str = ""
    phone: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    remarks: str = ""
    authorisations: list[Authorisation] = field(default_factory=list)


def open_request_for(pesel: str) -> AccessRequest | None:
    return AccessRequest.objects.filter(pesel=pesel, status=AccessRequest.Status.SUBMITTED).first()


def _next_reference(year: int) -> str:
    prefix = f"WD/{year}/"
    last = (
        AccessRequest.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("/", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def file_access_request(
    applicant: Applicant,
    contact: Contact,
    *,
    channel: str,
    channel_message_id: str = "",
    upo: str = "",
) -> AccessRequest:
    """Record a request, due within the town's review term, and acknowledge it.

    The same channel document filed twice gives the same request (idempotent intake).
    """
    if channel_message_id:
        existing = AccessRequest.objects.filter(
            channel=channel, channel_message_id=channel_message_id
        ).first()
        if existing is not None:
            return existing
    review_days = AccountSettings.load().review_days
    for _attempt in range(5):
        try:
            with transaction.atomic():
                access_request = _create(
                    applicant, contact, channel, channel_message_id, upo, review_days
                )
            break
        except IntegrityError:  # two requests took the same number at once: take the next
            continue
    else:  # pragma: no cover - five collisions in a row
        raise RuntimeError("could not number the access request")
    send(
        "access_request_received",
        None,
        {"access_request": access_request},
        email=contact.email,
        language=translation.get_language() or "",
    )
    return access_request


def _create(
    applicant: Applicant,
    contact: Contact,
    channel: str,
    channel_message_id: str,
    upo: str,
    review_days: int,
) -> AccessRequest:
    today = timezone.localdate()
    access_request = AccessRequest(
        reference=_next_reference(today.year),
        channel=channel,
        due_on=today + timedelta(days=review_days),
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        pesel=applicant.pesel,
        date_of_birth=applicant.date_of_birth,
        verified_by=applicant.verified_by,
        email=contact.email,
        phone=contact.phone,
        street=contact.street,
        postal_code=contact.postal_code,
        city=contact.city,
        remarks=contact.remarks,
        channel_message_id=channel_message_id,
        upo=upo,
    )
    access_request.full_clean(exclude=["reference"])
    access_request.save()
    for wanted in contact.authorisations:
        authorisation = RequestedAuthorisation(
            access_request=access_request,
            kind=wanted.kind,
            name=wanted.name,
            pesel=wanted.pesel,
            nip=wanted.nip,
            scope=wanted.scope,
            valid_until=wanted.valid_until,
        )
        authorisation.full_clean(exclude=["access_request", "document"])
        if wanted.document:  # stored only once the rest is known to be valid
            authorisation.document.save(
                wanted.document_name or "pelnomocnictwo.pdf",
                ContentFile(wanted.document),
                save=False,
            )
        authorisation.save()
    return access_request


class DecisionRefused(ValidationError):
    """The decision cannot be recorded (already decided, no reason for a refusal)."""


def _party_for_authorisation(authorisation: RequestedAuthorisation) -> Party:
    if authorisation.pesel:
        party = Party.objects.filter(pesel=authorisation.pesel).first()
    else:
        party = Party.objects.filter(nip=authorisation.nip).first()
    if party is not None:
        return party
    first, _sep, last = authorisation.name.partition(" ")
    party = Party(
        kind=authorisation.kind,
        pesel=authorisation.pesel,
        nip=authorisation.nip,
        name=authorisation.name if authorisation.kind == Party.Kind.LEGAL else "",
        first_name=first if authorisation.kind == Party.Kind.NATURAL else "",
        last_name=(last or first) if authorisation.kind == Party.Kind.NATURAL else "",
    )
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def decide_access_request(
    access_request: AccessRequest,
    *,
    staff: Any,
    approve: bool,
    reason: str = "",
    granted: list[int] | None = None,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Approve (open the account, grant the chosen authorisations) or reject (with a
    reason). The applicant is notified by e-mail and, with an account, in the portal."""
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if not access_request.is_open:
        raise DecisionRefused(_("Ten wniosek został już rozpatrzony."))
    if not approve and not reason.strip():
        raise DecisionRefused(_("Podaj uzasadnienie odmowy."))
    access_request.decided_at = timezone.now()
    access_request.decided_by = staff
    if approve:
        resident = _approve(access_request, set(granted or []))
        access_request.status = AccessRequest.Status.APPROVED
        access_request.resident = resident
    else:
        resident = None
        access_request.status = AccessRequest.Status.REJECTED
        access_request.rejection_reason = reason.strip()
    access_request.save()
    record(
        AuditEvent.Action.ACCESS_REQUEST_DECIDED,
        request=request,
        user=staff,
        party=resident.party if resident else None,
        reference=access_request.reference,
        decision=access_request.status,
    )
    _tell_applicant(access_request, resident)
    return access_request


def _approve(access_request: AccessRequest, granted: set[int]) -> Resident:
    party = Party.objects.filter(pesel=access_request.pesel).first()
    if party is None:
        party = Party.objects.create(
            kind=Party.Kind.NATURAL,
            pesel=access_request.pesel,
            first_name=access_request.first_name,
            last_name=access_request.last_name,
            street=access_request.street,
            postal_code=access_request.postal_code,
            city=access_request.city,
            email=access_request.email,
        )
    resident = open_account(
        party,
        first_name=access_request.first_name,
        last_name=access_request.last_name,
        email=access_request.email,
    )
    today = timezone.localdate()
    for authorisation in access_request.authorisations.all():
        if authorisation.pk not in granted:
            continue
        represented = _party_for_authorisation(authorisation)
        Representation.objects.update_or_create(
            resident=resident,
            party=represented,
            defaults={
                "scope": authorisation.scope,
                "valid_from": today,
                "valid_until": authorisation.valid_until,
                "revoked_at": None,
            },
        )
        authorisation.granted = True
        authorisation.save(update_fields=["granted"])
    return resident


def _tell_applicant(access_request: AccessRequest, resident: Resident | None) -> None:
    if resident is not None:
        send(
            "access_request_approved",
            resident.user,
            {
                "access_request": access_request,
                "granted": access_request.authorisations.filter(granted=True).count(),
                "link": reverse("login"),
            },
            party=resident.party,
        )
        return
    send(
        "access_request_rejected",
        None,
        {"access_request": access_request},
        email=access_request.email,
    )
