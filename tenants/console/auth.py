"""Who may use the console: an operator who passed both the password and the 2FA step
in this session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from eurzad.core.requests import TenantRequest
from tenants.console.models import Operator

PENDING = "console_pending_user"
ENROL_SECRET = "console_enrol_secret"  # noqa: S105 - a session key name
VERIFIED = "console_2fa"


class OperatorRequest(TenantRequest):
    """A request in a console view under :func:`operator_required` (an annotation only)."""

    operator: Operator


def current_operator(request: HttpRequest) -> Operator | None:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not request.session.get(VERIFIED):
        return None
    operator = Operator.objects.filter(user=user, totp_confirmed_at__isnull=False).first()
    if operator is None or not user.is_active:
        return None
    return operator


def operator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only an operator past the 2FA step; everyone else goes to the login page."""

    @wraps(view)
    def wrapped(request: OperatorRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        operator = current_operator(request)
        if operator is None:
            url = reverse("console:login") + "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        request.operator = operator
        return view(request, *args, **kwargs)

    return wrapped


def complete_login(request: HttpRequest, operator: Operator) -> None:
    """Both factors passed: log in (a fresh session key) and mark the session verified."""
    request.session.pop(PENDING, None)
    request.session.pop(ENROL_SECRET, None)
    login(request, operator.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[VERIFIED] = True
