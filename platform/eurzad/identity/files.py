"""The one authorised download path of private files: ``/pliki/<stored name>``.

Whoever asks, the answer is the file or 404, never a hint that it exists:

- a resident gets it when the acting Party may read it (its kind's ``readable``; the
  acting Party is re-checked against live mandates, and must be held in the kind's scope);
- an office worker gets it with the kind's staff permission, and the read is recorded in
  the audit log as a view of the owner's personal data;
- anyone else, and any other town's host (the name is looked up in the host's own schema
  and storage), gets 404.

The access requests' powers of attorney are registered here as a kind of their own: only
the applicant reads them (acting for themselves); staff need the review permission.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_http_methods

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.core.private_files.delivery import deliver
from eurzad.core.private_files.kinds import PrivateFileKind, kind_of
from eurzad.core.private_files.storage import is_stored_name
from eurzad.identity.account.services import own_access_requests
from eurzad.identity.acting import acting_party, resident_of
from eurzad.identity.models import RequestedAuthorisation
from eurzad.identity.representation import may_act_for
from eurzad.parties.models import Party


@require_http_methods(["GET", "HEAD"])
def private_file(request: HttpRequest, stored_name: str) -> HttpResponseBase:
    kind = kind_of(stored_name) if is_stored_name(stored_name) else None
    if kind is None:
        raise Http404
    holder = _as_resident(request, kind, stored_name) or _as_staff(request, kind, stored_name)
    if holder is None:
        raise Http404
    return deliver(kind.field.storage, stored_name, kind.original_name(holder))


def _as_resident(request: HttpRequest, kind: PrivateFileKind, stored_name: str) -> Model | None:
    resident = resident_of(request)
    if resident is None:
        return None
    party = acting_party(request, resident)
    if party is None or not may_act_for(resident, party, kind.scope):
        return None
    return kind.holder(kind.readable(resident, party), stored_name)


def _as_staff(request: HttpRequest, kind: PrivateFileKind, stored_name: str) -> Model | None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.has_perm(kind.staff_permission)):
        return None
    holder = kind.holder(kind.model._default_manager.all(), stored_name)
    if holder is not None:
        record(
            AuditEvent.Action.PERSONAL_DATA_VIEWED,
            request=request,
            party=kind.owner(holder),
            method="admin",
            what=kind.name,
            file=holder.pk,
        )
    return holder


def _own_powers_of_attorney(resident: Any, party: Any) -> QuerySet[RequestedAuthorisation]:
    if resident.party is None or party.pk != resident.party.pk:
        return RequestedAuthorisation.objects.none()
    return RequestedAuthorisation.objects.filter(
        access_request__in=own_access_requests(resident).values("pk")
    )


def _applicant(authorisation: RequestedAuthorisation) -> Party | None:
    return Party.objects.filter(pesel=authorisation.access_request.pesel).first()


POWERS_OF_ATTORNEY = PrivateFileKind(
    model=RequestedAuthorisation,
    field_name="document",
    readable=_own_powers_of_attorney,
    staff_permission="identity.review_accessrequest",
    owner=_applicant,
)
