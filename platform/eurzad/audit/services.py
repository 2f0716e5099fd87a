"""Recording audit events. Personal identifiers never go into an event's details."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest

from eurzad.audit.models import AuditEvent
from eurzad.core.client import client_ip

# 9–14 digit runs (PESEL, NIP, REGON, account numbers) are cut out of free-form details.
_IDENTIFIER = re.compile(r"\d{9,14}")


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _IDENTIFIER.sub("[…]", value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    party: Any = None,
    method: str = "",
    **details: Any,
) -> AuditEvent:
    """Append one event to the current town's audit log."""
    session_user = getattr(request, "user", None)  # none on a bare HttpRequest
    if user is None and session_user is not None and session_user.is_authenticated:
        user = session_user
    return AuditEvent.objects.create(
        action=action,
        user=user if getattr(user, "pk", None) else None,
        party=party,
        ip_address=client_ip(request),
        method=method,
        details=_scrub(details),
    )
