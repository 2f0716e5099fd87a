"""What the shell of Mój e-Urząd shows around every page of the area: the sections in
its menu, the unread count, and for whom the resident acts.

The sections are the ones the apps registered (``eurzad.core.account_area``), in their
declared order; each builds its own card and live status for the request."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import HttpRequest

from eurzad.core.account_area import Section, SectionContext, registered_sections
from eurzad.core.requests import TenantRequest
from eurzad.identity.models import Resident
from eurzad.notifications.services import unread_count
from eurzad.parties.models import Party


def unread_of(request: TenantRequest) -> int:
    """The logged-in user's unread notifications, counted once per request: the header
    and the menu both show it."""
    unread = getattr(request, "unread_notifications", None)
    if unread is None:
        unread = unread_count(request.user)
        request.unread_notifications = unread
    return unread


def account_sections(
    request: HttpRequest, resident: Resident, unread: int, party: Party | None = None
) -> list[Section]:
    """The sections of Mój e-Urząd, in menu order; the one being shown is ``current``.
    ``party`` is the Party the resident acts for (their own when not given): the
    sections' live status is that Party's."""
    context = SectionContext(
        request=request, resident=resident, party=party or resident.party, unread=unread
    )
    shown = []
    for registered in registered_sections():
        section = registered.build(context)
        if section is not None:
            shown.append(replace(section, current=request.path.startswith(section.url)))
    return shown


@dataclass(frozen=True)
class AccountArea:
    """The shell's part of every page of the area (the template's ``account_area``)."""

    sections: list[Section]
    unread: int
    acting: Party | None
    acts_for_other: bool  # the resident looks at someone else's data, by a mandate


def account_area_of(request: TenantRequest) -> AccountArea | None:
    """The shell of a page behind ``resident_required``; None on any other page."""
    resident: Resident | None = getattr(request, "resident", None)
    if resident is None:
        return None
    acting: Party | None = getattr(request, "acting_party", None)
    unread = unread_of(request)
    return AccountArea(
        sections=account_sections(request, resident, unread, party=acting),
        unread=unread,
        acting=acting,
        acts_for_other=acting is not None and acting.pk != resident.party_id,
    )
