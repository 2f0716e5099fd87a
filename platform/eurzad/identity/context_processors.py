"""The resident bar in every town page's header: who is logged in, for whom they act,
their unread notifications, logout.

Anonymous visitors cost nothing: the bar is a lazy object, and deciding that nobody is
logged in reads only the (absent) session cookie, never the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from eurzad.identity.acting import acting_party, resident_of
from eurzad.identity.models import Resident
from eurzad.identity.representation import parties_for
from eurzad.notifications.services import unread_count
from eurzad.parties.models import Party


@dataclass(frozen=True)
class ResidentBar:
    resident: Resident
    acting: Party | None
    parties: list[Party] = field(default_factory=list)  # empty: no one else to act for
    unread: int = 0

    @property
    def name(self) -> str:
        if self.resident.party:
            return self.resident.party.display_name
        return self.resident.user.get_full_name()


def _bar(request: HttpRequest) -> ResidentBar | None:
    resident = getattr(request, "resident", None) or resident_of(request)
    if resident is None:
        return None
    acting = getattr(request, "acting_party", None) or acting_party(request, resident)
    parties = parties_for(resident)
    unread = getattr(request, "unread_notifications", None)
    return ResidentBar(
        resident=resident,
        acting=acting,
        parties=parties if len(parties) > 1 else [],
        unread=unread if unread is not None else unread_count(request.user),
    )


def resident_bar(request: HttpRequest) -> dict[str, object]:
    """``resident_bar``: a ResidentBar for a logged-in resident on a town's host, else
    falsy. Evaluated only where a template asks for it."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.schema_name == "public":
        return {"resident_bar": None}

    def build() -> ResidentBar | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return _bar(request)

    return {"resident_bar": SimpleLazyObject(build)}
