"""Failed operator logins (the console's password step) and operator lockouts go to the
operators' audit log.

Connected in :class:`~tenants.console.apps.ConsoleConfig`; the signals are process-wide,
so the receivers act only in the public schema (a town's are in its own audit log). Who
acted is unknown: the entry is named after the typed user name, masked."""

from __future__ import annotations

from typing import Any, TypeGuard

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from eurzad.core import login_limits
from eurzad.core.client import client_ip
from eurzad.core.postgresql.connection import connection
from eurzad.core.requests import TenantRequest
from tenants.console.services.actions import Actor, record


def _on_the_platform(request: HttpRequest | None) -> TypeGuard[TenantRequest]:
    return request is not None and connection.schema_name == get_public_schema_name()


def _someone(request: HttpRequest, username: str | None) -> Actor:
    return Actor(login_limits.mask_username(username) or "?", None, client_ip(request), "console")


def record_login_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    """A wrong operator password, or an attempt refused during a lockout."""
    if not _on_the_platform(request):
        return
    username = credentials.get("username")
    details: dict[str, Any] = {"username": login_limits.mask_username(username)}
    if login_limits.refused_for_lockout(request):
        details["reason"] = "locked"
    record(_someone(request, username), "login_failed", details=details)


def record_lockout(
    sender: object, request: HttpRequest | None = None, username: str | None = None, **_: Any
) -> None:
    """The wrong password that locked an operator's user name out from an address."""
    if not _on_the_platform(request) or not login_limits.lockout_starts(request):
        return
    details = {
        "username": login_limits.mask_username(username),
        "failures": request.axes_failures_since_start,
        "minutes": int(login_limits.cool_off().total_seconds() // 60),
    }
    record(_someone(request, username), "login_locked_out", details=details)


def connect() -> None:
    user_login_failed.connect(record_login_failure, dispatch_uid="console.login_failure")
    user_locked_out.connect(record_lockout, dispatch_uid="console.login_lockout")
