"""login.gov.pl views of a town's host: the login page, start, the assertion consumer
(the artifact by HTTP-POST or GET), logout and the SP metadata."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.core import login_limits
from eurzad.core.csp import allow_form_posts_to
from eurzad.core.redirects import same_host_url
from eurzad.core.requests import TenantRequest
from eurzad.identity import artifact_handoff
from eurzad.identity.artifact_handoff import HANDOFF_GONE, HANDOFF_PARAMETER
from eurzad.identity.authentication import remember_authentication
from eurzad.identity.demo import credentials_match, demo_enabled, ensure_demo_account
from eurzad.identity.login import (
    BACKEND,
    REFUSALS,
    UNEXPECTED,
    AccessRequestNeeded,
    LoginRefused,
    finish_login,
    resident_for,
    start_login,
)
from eurzad.identity.logout import (
    LogoutRefused,
    end_wk_session,
    handle_idp_logout,
    remember_wk_session,
)
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.request_views import remember_applicant
from eurzad.identity.services import signed_metadata

logger = logging.getLogger(__name__)

ACCOUNT_HOME = "account:home"  # the resident area's start page
AFTER_LOGIN_KEY = "eurzad.identity.after_login"


def login_page(request: HttpRequest) -> HttpResponse:
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    return render(
        request,
        "identity/login.html",
        {
            "resident": resident,
            "demo_enabled": demo_enabled(),
            "next": same_host_url(request, request.GET.get("next", "")),
        },
    )


def demo_login(request: TenantRequest) -> HttpResponse:
    """GET/POST /logowanie/demo/: the demo account, when the town has switched it on."""
    if not demo_enabled():
        raise Http404
    error = ""
    if request.method == "POST":
        # Limited like every password login (eurzad.core.login_limits), by the typed login.
        typed = request.POST.get("login", "").strip().lower()
        if not login_limits.login_allowed(request, typed):
            return login_limits.refuse_locked_out(request, typed, method="demo")
        if credentials_match(typed, request.POST.get("password", "")):
            resident = ensure_demo_account()
            login(request, resident.user, backend=BACKEND)
            login_limits.clear_failures(request, typed)
            record(AuditEvent.Action.LOGIN, request=request, user=resident.user,
                   party=resident.party, method="demo")  # fmt: skip
            return redirect(ACCOUNT_HOME)
        login_limits.count_failure(request, typed, method="demo")  # audited by eurzad.audit
        error = _("Nieprawidłowy login lub hasło konta demonstracyjnego – użyj demo / demo.")
    return render(
        request, "identity/demo_login.html", {"error": error}, status=400 if error else 200
    )


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    try:
        begun = start_login(request)
    except REFUSALS as error:
        return render(request, "identity/login_error.html", {"error": error}, status=503)
    request.session[AFTER_LOGIN_KEY] = same_host_url(request, request.POST.get("next", ""))
    allow_form_posts_to(request, begun.sso_url)  # the town's configured node
    return render(request, "identity/post_to_idp.html", {"start": begun})


@csrf_exempt  # the node's cross-site POST; it only hands over, see artifact_handoff
@require_http_methods(["GET", "POST"])
def assertion_consumer(request: HttpRequest) -> HttpResponse:
    """The ACS, for both ways the node returns the artifact.

    HTTP-POST (what the Węzeł Krajowy does): a cross-site POST carries no session cookie
    (SameSite=Lax), so it is only handed over to a same-site GET of this address, which
    finishes the login with the browser's session. HTTP-Artifact by GET finishes at once.
    """
    if request.method == "POST":
        token = artifact_handoff.keep(
            request.POST.get("SAMLart", ""), request.POST.get("RelayState", "")
        )
        # 303: the browser follows with a GET, a same-site one that carries the session.
        see_other = HttpResponseRedirect(f"{request.path}?{urlencode({HANDOFF_PARAMETER: token})}")
        see_other.status_code = 303
        return see_other
    if HANDOFF_PARAMETER in request.GET:
        handed = artifact_handoff.take(request.GET[HANDOFF_PARAMETER])
        if handed is None:
            return _refused(request, LoginRefused(HANDOFF_GONE))
        artifact, relay_state = handed
    else:
        artifact, relay_state = request.GET.get("SAMLart", ""), request.GET.get("RelayState", "")
    try:
        identity = finish_login(request, artifact, relay_state)
        resident = resident_for(identity)
    except AccessRequestNeeded as needed:
        remember_applicant(request, needed.identity)
        record(AuditEvent.Action.LOGIN_FAILED, request=request, method="login.gov.pl",
               reason="no account yet")  # fmt: skip
        return redirect("access-request")
    except REFUSALS as error:
        return _refused(request, error)
    except ValueError:
        # Never show an exception's own text to a person: log it, say what happened.
        logger.exception("login.gov.pl response could not be processed")
        return _refused(request, LoginRefused(UNEXPECTED))
    after_login = request.session.pop(AFTER_LOGIN_KEY, "")
    login(request, resident.user, backend=BACKEND)
    remember_wk_session(request, identity)
    remember_authentication(request, identity)
    record(AuditEvent.Action.LOGIN, request=request, user=resident.user, party=resident.party,
           method="login.gov.pl", loa=identity.level_of_assurance)  # fmt: skip
    return redirect(same_host_url(request, after_login) or ACCOUNT_HOME)


def _refused(request: HttpRequest, error: Exception) -> HttpResponse:
    record(AuditEvent.Action.LOGIN_FAILED, request=request, method="login.gov.pl",
           reason=str(error)[:300])  # fmt: skip
    return render(request, "identity/login_error.html", {"error": error}, status=403)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out here and, for a login.gov.pl login, at the national node too."""
    node_confirmed = True
    if request.user.is_authenticated:
        record(AuditEvent.Action.LOGOUT, request=request, method="login.gov.pl")
        node_confirmed = end_wk_session(request)
    logout(request)
    if node_confirmed:
        messages.success(request, _("Wylogowano."))
    else:
        messages.warning(
            request,
            _(
                "Wylogowano z e-Urzędu, ale login.gov.pl nie potwierdził wylogowania – "
                "zamknij przeglądarkę."
            ),
        )
    return redirect("login")


@csrf_exempt
@require_POST
def single_logout(request: HttpRequest) -> HttpResponse:
    """The node's back-channel (SOAP) logout: end the session it names."""
    try:
        answer = handle_idp_logout(request.body)
    except (LogoutRefused, ValueError) as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return HttpResponse(answer, content_type="text/xml; charset=utf-8")


def metadata(request: HttpRequest) -> HttpResponse:
    """GET /logowanie/metadata/: the town's signed SAML SP metadata."""
    config = LoginGovConfig.objects.first()
    if config is None:
        raise Http404
    # The host with its port: the ACS here must equal the AuthnRequest's, character for character.
    body = signed_metadata(config, request.get_host(), request.scheme or "https")
    return HttpResponse(body, content_type="application/samlmetadata+xml")
