"""The last word on the way out: every response carries a Content-Security-Policy and a
Permissions-Policy.

It stands first in ``MIDDLEWARE``, so it also sees what is answered before the CSP
middleware runs: health checks, static files, the refusal pages of unknown and closed
hosts, and pages served from the anonymous page cache (which keep the policy they were
rendered with). A response that already has a policy keeps it; any other gets the
strict default policy, computed once per process so the hot path only sets a header.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from eurzad.core.csp import HEADER as CSP_HEADER

PERMISSIONS_HEADER = "Permissions-Policy"
# With DEBUG, Django's technical 404 and 500 pages style themselves inline (django-csp
# leaves them alone for the same reason).
_DEBUG_PAGES = frozenset({HTTPStatus.NOT_FOUND, HTTPStatus.INTERNAL_SERVER_ERROR})


def permissions_policy() -> str:
    """``PERMISSIONS_POLICY`` as the header's value: ``camera=(), fullscreen=(self)…``."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY
    )


class SecurityHeadersMiddleware:
    """Give every response the default policies unless it has its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.content_security_policy = build_policy()
        self.permissions_policy = permissions_policy()
        self.debug = settings.DEBUG

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.debug and response.status_code in _DEBUG_PAGES:
            return response
        headers = response.headers
        if CSP_HEADER not in headers and not getattr(response, "_csp_exempt", False):
            headers[CSP_HEADER] = self.content_security_policy
        if PERMISSIONS_HEADER not in headers:
            headers[PERMISSIONS_HEADER] = self.permissions_policy
        return response
