"""Who is on the other end of a request: the one rule the platform uses for a client's
address (the audit logs, the operator console, the login lockouts)."""

from __future__ import annotations

from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The TCP peer address (``REMOTE_ADDR``), never ``X-Forwarded-For``: anyone can send
    that header, so trusting it would let a caller pick the address the audit log records
    and dodge a lockout by sending a new one with every attempt. Behind a reverse proxy the
    proxy must hand the real client address over as the peer address (PROXY protocol or
    the ingress controller's real-IP module); see docs/operators/login-lockouts.md."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
