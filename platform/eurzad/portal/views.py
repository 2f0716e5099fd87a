"""The shell's own pages of Mój e-Urząd (/konto/): its home page and the acting-party
switch. Every other page of the area belongs to the app whose data it shows."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core.account_area import render_account_page
from eurzad.core.redirects import same_host_url
from eurzad.identity.acting import mandates_of, resident_required, switch_acting_party
from eurzad.identity.requests import ResidentRequest
from eurzad.portal.forms import ActingPartyForm


@resident_required
@require_http_methods(["GET", "HEAD"])
def home(request: ResidentRequest) -> HttpResponse:
    """Mój e-Urząd: whom the resident acts for, and the sections of the area."""
    acting = request.acting_party
    return render_account_page(
        request,
        "portal/home.html",
        {
            "acting": acting,
            "acting_identifier": acting.masked_identifier if acting else "",
            "acts_for_others": bool(mandates_of(request, request.resident)),
        },
    )


@never_cache
@resident_required
@require_POST
def act_as(request: ResidentRequest) -> HttpResponse:
    """Switch the acting Party (the header's "Działasz jako"), then go back."""
    form = ActingPartyForm(request.POST)
    party = None
    if form.is_valid():
        party = switch_acting_party(request, request.resident, form.cleaned_data["party"])
    if party is None:
        messages.error(
            request,
            _("Nie możesz działać w imieniu tej osoby – nie masz ważnego upoważnienia."),
        )
    else:
        messages.success(request, _("Działasz teraz jako: %(name)s.") % {"name": party})
    return redirect(same_host_url(request, form.data.get("next", "")) or "account:home")
