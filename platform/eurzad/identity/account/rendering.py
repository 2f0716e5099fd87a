"""How every page of Mój e-Urząd is rendered, whichever app the page belongs to."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from eurzad.identity.account.services import account_sections
from eurzad.identity.requests import ResidentRequest
from eurzad.notifications.services import unread_count


def render_account_page(request: ResidentRequest, template: str, context: dict[str, Any]
                        ) -> HttpResponse:  # fmt: skip
    """A page of the resident area with its section menu, the unread count for the header
    and who the resident acts for; personal pages are never cached."""
    unread = unread_count(request.user)
    request.unread_notifications = unread  # for the header
    acting = getattr(request, "acting_party", None)
    resident = request.resident
    context["sections"] = account_sections(resident, unread, request.path, party=acting)
    context["unread"] = unread
    context["acting"] = acting
    context["acts_for_other"] = acting is not None and acting.pk != resident.party_id
    response = render(request, template, context)
    response["Cache-Control"] = "private, no-store"
    return response
