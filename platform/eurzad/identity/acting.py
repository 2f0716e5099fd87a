"""The resident area's two questions on every request: who is logged in (the Resident),
and for whom they act now (the acting Party: themselves, or someone they represent).

The acting Party is kept in the session as a Party id and re-checked against the
resident's live mandates on every request, so a revoked or expired mandate stops at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from eurzad.core.request_memo import once_per_request
from eurzad.identity.backends import REPRESENTS_OTHERS
from eurzad.identity.models import Representation, Resident
from eurzad.identity.representation import active_mandates, parties_among, parties_for
from eurzad.identity.represented import tell_acted_for
from eurzad.identity.requests import ResidentRequest
from eurzad.parties.models import Party

ACTING_PARTY_KEY = "eurzad.identity.acting_party"


def resident_of(request: HttpRequest) -> Resident | None:
    """The logged-in user's Resident (with their Party), or None; read once per request,
    and with the user itself in a resident's session (``ResidentSessionBackend``)."""
    user = request.user
    if not user.is_authenticated:
        return None
    return once_per_request(request, ("resident", user.pk), lambda: _resident_of_user(user))


def _resident_of_user(user: Any) -> Resident | None:
    relation = Resident._meta.get_field("user").remote_field
    if relation.is_cached(user):  # loaded with the user; None: the user has no Resident
        return cast("Resident | None", relation.get_cached_value(user))
    return Resident.objects.filter(user=user).select_related("party").first()


def mandates_of(request: HttpRequest, resident: Resident) -> list[Representation]:
    """The resident's active mandates, read once per request: the header (whom they may
    act for), the acting Party's check and the page itself all need them."""

    def load() -> list[Representation]:
        user = request.user
        if user.pk == resident.user_id and getattr(user, REPRESENTS_OTHERS, None) is False:
            return []  # known with the user: no mandate in force
        return list(active_mandates(resident))

    return once_per_request(request, ("active-mandates", resident.pk), load)


def parties_of(
    request: HttpRequest, resident: Resident, scope: str = Representation.Scope.VIEW
) -> list[Party]:
    """:func:`~eurzad.identity.representation.parties_for`, from the mandates read once
    per request."""
    return parties_among(resident, mandates_of(request, resident), scope)


def acting_party(request: HttpRequest, resident: Resident) -> Party | None:
    """The Party the resident acts for now; their own Party unless they switched."""
    chosen = request.session.get(ACTING_PARTY_KEY)
    if chosen is not None:
        for party in parties_of(request, resident):
            if party.pk == chosen:
                return party
        request.session.pop(ACTING_PARTY_KEY, None)  # mandate gone: back to oneself
    return resident.party


def switch_acting_party(request: HttpRequest, resident: Resident, party_id: int) -> Party | None:
    """Act for ``party_id`` from now on, if the resident may; returns the Party or None."""
    for party in parties_of(request, resident):
        if party.pk == party_id:
            request.session[ACTING_PARTY_KEY] = party.pk
            tell_acted_for(resident, party)
            return party
    return None


def acting_party_or_404(request: ResidentRequest) -> Party:
    """The acting Party of a view under :func:`resident_required`; 404 for a resident not
    matched to a Party."""
    party = request.acting_party
    if party is None:
        raise Http404
    return party


def may_pay_for(resident: Resident, party: Party, request: HttpRequest | None = None) -> bool:
    """Whether the resident may pay for ``party`` (their own, or by a mandate to pay);
    with the ``request``, from the mandates read once for it."""
    scope = Representation.Scope.PAY
    payable = (
        parties_for(resident, scope) if request is None else parties_of(request, resident, scope)
    )
    return any(p.pk == party.pk for p in payable)


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
