"""What every town page's templates may show of the logged-in resident.

- ``resident_bar``, in the header of every page: who is logged in, for whom they act,
  their unread notifications, logout.
- ``account_area``, in the pages of Mój e-Urząd: the menu of sections, the unread count
  and the acting Party (``eurzad.portal.navigation``).

Both are lazy objects: a page that does not show them, and every anonymous visitor, cost
nothing — deciding that nobody is logged in reads only the (absent) session cookie, never
the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from eurzad.core.request_memo import once_per_request
from eurzad.core.requests import TenantRequest
from eurzad.identity.acting import acting_party, parties_of, resident_of
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from eurzad.portal.navigation import account_area_of, unread_of


@dataclass(frozen=True)
class ResidentBar:
    resident: Resident
    acting: Party | None
    parties: list[Party] = field(default_factory=list)  # empty: no one else to act for
    unread: int = 0

    @property
    def name(self) -> str:
        return self.resident.display_name


def _bar(request: TenantRequest) -> ResidentBar | None:
    resident = getattr(request, "resident", None) or resident_of(request)
    if resident is None:
        return None
    acting = getattr(request, "acting_party", None) or acting_party(request, resident)
    parties = parties_of(request, resident)
    return ResidentBar(
        resident=resident,
        acting=acting,
        parties=parties if len(parties) > 1 else [],
        unread=unread_of(request),
    )


def _on_a_town_host(request: HttpRequest) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is not None and tenant.schema_name != "public"


def resident_bar(request: TenantRequest) -> dict[str, object]:
    """``resident_bar``: a ResidentBar for a logged-in resident on a town's host, else
    falsy. Evaluated only where a template asks for it."""
    if not _on_a_town_host(request):
        return {"resident_bar": None}

    def build() -> ResidentBar | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return once_per_request(request, ("resident-bar", user.pk), lambda: _bar(request))

    return {"resident_bar": SimpleLazyObject(build)}


def account_area(request: TenantRequest) -> dict[str, object]:
    """``account_area``: an AccountArea on a page of Mój e-Urząd, else falsy."""
    if not _on_a_town_host(request):
        return {"account_area": None}
    return {
        "account_area": SimpleLazyObject(
            lambda: once_per_request(request, "account-area", lambda: account_area_of(request))
        )
    }
