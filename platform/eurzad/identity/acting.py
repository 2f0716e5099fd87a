"""The resident area's two questions on every request: who is logged in (the Resident),
and for whom they act now (the acting Party: themselves, or someone they represent).

The acting Party is kept in the session as a Party id and re-checked against the
resident's live mandates on every request, so a revoked or expired mandate stops at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from eurzad.identity.models import Representation, Resident
from eurzad.identity.representation import parties_for
from eurzad.identity.requests import ResidentRequest
from eurzad.parties.models import Party

ACTING_PARTY_KEY = "eurzad.identity.acting_party"


def resident_of(request: HttpRequest) -> Resident | None:
    if not request.user.is_authenticated:
        return None
    return Resident.objects.filter(user=request.user).select_related("party").first()


def acting_party(request: HttpRequest, resident: Resident) -> Party | None:
    """The Party the resident acts for now; their own Party unless they switched."""
    chosen = request.session.get(ACTING_PARTY_KEY)
    if chosen is not None:
        for party in parties_for(resident):
            if party.pk == chosen:
                return party
        request.session.pop(ACTING_PARTY_KEY, None)  # mandate gone: back to oneself
    return resident.party


def switch_acting_party(request: HttpRequest, resident: Resident, party_id: int) -> Party | None:
    """Act for ``party_id`` from now on, if the resident may; returns the Party or None."""
    for party in parties_for(resident):
        if party.pk == party_id:
            request.session[ACTING_PARTY_KEY] = party.pk
            return party
    return None


def acting_party_or_404(request: ResidentRequest) -> Party:
    """The acting Party of a view under :func:`resident_required`; 404 for a resident not
    matched to a Party."""
    party = request.acting_party
    if party is None:
        raise Http404
    return party


def may_pay_for(resident: Resident, party: Party) -> bool:
    return any(p.pk == party.pk for p in parties_for(resident, Representation.Scope.PAY))


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Views of the resident area: sets ``request.resident`` and ``request.acting_party``;
    anyone else is sent to the login page."""

    @wraps(view)
    def wrapped(request: ResidentRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        resident = resident_of(request)
        if resident is None:
            return redirect_to_login(request.get_full_path(), login_url="/logowanie/")
        request.resident = resident
        request.acting_party = acting_party(request, resident)
        return view(request, *args, **kwargs)

    return wrapped


def refuse_in_demo(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views that change something (use after ``resident_required``): the demo
    account may look at everything but its POSTs change nothing."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        resident = getattr(request, "resident", None)
        if request.method == "POST" and resident is not None and resident.is_demo:
            from django.contrib import messages
            from django.shortcuts import redirect
            from django.utils.translation import gettext as _

            messages.warning(
                request,
                _("To konto demonstracyjne – zmiany nie są zapisywane."),
            )
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                back = "/konto/"
            return redirect(back)
        return view(request, *args, **kwargs)

    return wrapped
