"""Login lockouts (django-axes): after ``LOGIN_FAILURE_LIMIT`` wrong passwords for one
user name from one address, that pair is refused — even with the right password — for
``LOGIN_COOLOFF_MINUTES``.

axes keeps its records (``axes.AccessAttempt``) in the schema the request runs in: a
town's own schema on the town's host, the public schema on the platform host (the
console). So one town's lockouts never touch another town's users of the same name, nor
the operators. This module is what the platform adds around axes: the lockout page, the
list of lockouts in force in the current schema and lifting one, the same limit for a
login that does not go through ``authenticate()`` (the demo account), and how a failed
login is told apart for the audit logs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from eurzad.core.client import client_ip
from eurzad.core.requests import TenantRequest

TEMPLATE = "core/login_locked_out.html"
LOCKOUT_PAGE = "eurzad_lockout_page"  # marks a response that is the lockout page
PASSWORD = "password"  # noqa: S105 - the audit logs' name of a user-name-and-password login
DJANGO_AUTH = "django.contrib.auth"  # the sender of authenticate()'s user_login_failed


@dataclass(frozen=True)
class Lockout:
    """A user name locked out from one address, in the current schema."""

    username: str
    ip_address: str | None
    failures: int
    last_failure: datetime

    @property
    def until(self) -> datetime:
        """When the lockout ends at the latest (it is counted from the last wrong password)."""
        return self.last_failure + cool_off()


def cool_off() -> timedelta:
    """How long a lockout lasts (``LOGIN_COOLOFF_MINUTES``)."""
    return get_cool_off() or timedelta(0)


def current_lockouts() -> list[Lockout]:
    """The lockouts in force in the current schema (a town's, or the operators' in the
    public schema), the latest first."""
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off())
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last", "username")
    )
    return [
        Lockout(row["username"] or "", row["ip_address"], row["failures"], row["last"])
        for row in rows
    ]


def unlock(username: str, ip_address: str | None = None) -> int:
    """Forget the wrong passwords counted for ``username`` (from ``ip_address`` only, or
    from every address) in the current schema, which lifts its lockout; returns how many
    records went (0: nothing was counted)."""
    if not username:
        raise ValueError("unlock needs a user name")
    return AxesProxyHandler.reset_attempts(username=username, ip_address=ip_address or None)


def mask_username(username: str | None) -> str:
    """A typed user name as the audit logs keep it: its start only. People type their
    password into the name field; a log must not keep that."""
    name = (username or "").strip()
    return name[: min(2, len(name) // 2)] + "…" if name else ""


# --- telling failed logins apart (axes sets these request attributes) --------------------


def refused_for_lockout(request: HttpRequest | None) -> bool:
    """Whether a failed login was refused because a lockout was already in force (the
    password was not even checked), rather than a wrong password.

    axes' backend marks the request locked *before* it refuses; on the attempt that
    starts a lockout, the mark comes later with the count of failures. So this holds
    whichever of axes' and the audit's signal receivers runs first."""
    return bool(getattr(request, "axes_locked_out", False)) and (
        getattr(request, "axes_failures_since_start", None) is None
    )


def lockout_starts(request: HttpRequest | None) -> bool:
    """Whether axes' ``user_locked_out`` signal is for the wrong password that starts a
    lockout (it is sent again for every attempt refused during one)."""
    return getattr(request, "axes_failures_since_start", None) is not None


# --- logins that do not go through authenticate() ---------------------------------------


def _credentials(username: str) -> dict[str, str]:
    return {settings.AXES_USERNAME_FORM_FIELD: username}


def login_allowed(request: HttpRequest, username: str) -> bool:
    """Whether ``username`` may try to log in from this request's address now."""
    return AxesProxyHandler.is_allowed(request, _credentials(username))


def count_failure(request: HttpRequest, username: str, method: str = PASSWORD) -> None:
    """A wrong password for a login of ours: counted and audited like one of
    ``authenticate()`` (the signal axes and the audit logs listen to; ``method`` is the
    login's name in the audit logs, sent as the signal's sender)."""
    user_login_failed.send(sender=method, credentials=_credentials(username), request=request)


def refuse_locked_out(
    request: TenantRequest, username: str, method: str = PASSWORD
) -> HttpResponse:
    """An attempt while ``username`` is locked out from this address: audited, not
    counted (the cool-off is not prolonged), answered with the lockout page.

    The request is marked locked out, as axes' backend marks it: that stops axes counting
    the attempt (and makes axes' middleware pass this page on as it is)."""
    request.axes_locked_out = True
    count_failure(request, username, method)
    return lockout_response(request, None, _credentials(username))


def login_method(sender: object) -> str:
    """The audit logs' name of the login a ``user_login_failed`` signal is about:
    ``password`` for Django's ``authenticate()`` (Wagtail admin, console), else the name
    :func:`count_failure` was given (``demo``)."""
    return PASSWORD if sender == DJANGO_AUTH else str(sender)[:40]


def clear_failures(request: HttpRequest, username: str) -> None:
    """A successful login of ours: the failures counted so far for the name and address
    go, if ``LOGIN_RESET_ON_SUCCESS`` (axes does it itself for the account's own name)."""
    if settings.AXES_RESET_ON_SUCCESS:
        AxesProxyHandler.reset_attempts(username=username, ip_address=client_ip(request))


# --- the lockout page ---------------------------------------------------------------------


def _locked_until(request: HttpRequest, credentials: dict | None) -> datetime:
    last = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=client_ip(request)
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off()


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the lockout page, in the town's look on a town's host
    and the console's on the platform host, with 429 Too Many Requests and Retry-After."""
    if original_response is not None and getattr(original_response, LOCKOUT_PAGE, False):
        return original_response  # a view of ours answered with the page already
    until = _locked_until(request, credentials)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    response = render(
        request,
        TEMPLATE,
        {
            "locked_until": timezone.localtime(until),
            "minutes": math.ceil(seconds / 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    setattr(response, LOCKOUT_PAGE, True)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
