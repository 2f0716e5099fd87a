"""Failed password logins and login lockouts on a town's host go to the town's audit log.

Connected in :class:`~eurzad.audit.apps.AuditConfig`; the signals are process-wide, so the
receivers act only in a town's schema (the platform host's are the console's to record).
The typed user name is kept masked (:func:`~eurzad.core.login_limits.mask_username`)."""

from __future__ import annotations

from typing import Any, TypeGuard

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.core import login_limits
from eurzad.core.postgresql.connection import connection
from eurzad.core.requests import TenantRequest


def _in_a_town(request: HttpRequest | None) -> TypeGuard[TenantRequest]:
    return request is not None and connection.schema_name != get_public_schema_name()


def record_login_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    """A wrong password, or an attempt refused during a lockout (``reason: locked``)."""
    if not _in_a_town(request):
        return
    details: dict[str, Any] = {
        "username": login_limits.mask_username(credentials.get("username")),
        "path": request.path[:200],
    }
    if login_limits.refused_for_lockout(request):
        details["reason"] = "locked"
    record(AuditEvent.Action.LOGIN_FAILED, request=request,
           method=login_limits.login_method(sender), **details)  # fmt: skip


def record_lockout(
    sender: object, request: HttpRequest | None = None, username: str | None = None, **_: Any
) -> None:
    """The wrong password that locked a user name out from an address."""
    if not _in_a_town(request) or not login_limits.lockout_starts(request):
        return
    record(
        AuditEvent.Action.LOGIN_LOCKED_OUT,
        request=request,
        username=login_limits.mask_username(username),
        path=request.path[:200],
        failures=request.axes_failures_since_start,
        minutes=int(login_limits.cool_off().total_seconds() // 60),
    )


def connect() -> None:
    user_login_failed.connect(record_login_failure, dispatch_uid="audit.login_failure")
    user_locked_out.connect(record_lockout, dispatch_uid="audit.login_lockout")
