"""login.gov.pl views of a town's host: the login page, start, the assertion consumer
(HTTP-Artifact), logout and the SP metadata."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.identity.login import BACKEND, REFUSALS, finish_login, resident_for, start_login
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.services import signed_metadata


def login_page(request: HttpRequest) -> HttpResponse:
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    return render(request, "identity/login.html", {"resident": resident})


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    try:
        begun = start_login(request)
    except REFUSALS as error:
        return render(request, "identity/login_error.html", {"error": error}, status=503)
    return render(request, "identity/post_to_idp.html", {"start": begun})


@require_GET
def assertion_consumer(request: HttpRequest) -> HttpResponse:
    try:
        identity = finish_login(
            request, request.GET.get("SAMLart", ""), request.GET.get("RelayState", "")
        )
        resident = resident_for(identity)
    except REFUSALS as error:
        record(AuditEvent.Action.LOGIN_FAILED, request=request, method="login.gov.pl",
               reason=str(error)[:300])  # fmt: skip
        return render(request, "identity/login_error.html", {"error": error}, status=403)
    login(request, resident.user, backend=BACKEND)
    record(AuditEvent.Action.LOGIN, request=request, user=resident.user, party=resident.party,
           method="login.gov.pl", loa=identity.level_of_assurance)  # fmt: skip
    return redirect("login")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        record(AuditEvent.Action.LOGOUT, request=request, method="login.gov.pl")
    logout(request)
    return redirect("login")


def metadata(request: HttpRequest) -> HttpResponse:
    """GET /logowanie/metadata/: the town's signed SAML SP metadata."""
    config = LoginGovConfig.objects.first()
    if config is None:
        raise Http404
    body = signed_metadata(config, request.get_host().split(":")[0], request.scheme)
    return HttpResponse(body, content_type="application/samlmetadata+xml")
