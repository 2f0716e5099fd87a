"""The resident area's HTTP request, for the type checker (not an access request: those
are :mod:`eurzad.identity.access_requests`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eurzad.core.requests import TenantRequest

if TYPE_CHECKING:
    from eurzad.accounts.models import User
    from eurzad.identity.models import Resident
    from eurzad.parties.models import Party


class ResidentRequest(TenantRequest):
    """A request in a view under :func:`eurzad.identity.acting.resident_required`: who is
    logged in and for whom they act now (None only for a resident not yet matched to a
    Party). An annotation only, like :class:`~eurzad.core.requests.TenantRequest`."""

    #: Logged in, with a Resident: never anonymous here.
    user: User
    resident: Resident
    acting_party: Party | None
