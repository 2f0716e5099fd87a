"""The last word on the way out: every response carries a Content-Security-Policy, a
Permissions-Policy and the baseline headers Django's SecurityMiddleware sets.

It stands first in ``MIDDLEWARE``, so it also sees what is answered before the other
layers run: health checks, static files, the refusal pages of unknown and closed hosts,
and pages served from the anonymous page cache (which keep the policy and the HSTS
header they were rendered with). A header a response already has is kept; a missing one
gets the default. The values are computed once per process: on the hot path (a cached
page) this costs a few dictionary look-ups.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.http.response import ResponseHeaders

PERMISSIONS_HEADER = "Permissions-Policy"
# With DEBUG, Django's technical 404 and 500 pages style themselves inline (django-csp
# leaves them alone for the same reason).
_DEBUG_PAGES = frozenset({HTTPStatus.NOT_FOUND, HTTPStatus.INTERNAL_SERVER_ERROR})


def permissions_policy() -> str:
    """``PERMISSIONS_POLICY`` as the header's value: ``camera=(), fullscreen=(self)…``."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY
    )


def default_headers() -> dict[str, str]:
    """What a response gets unless it has its own: the strict policy, the Permissions-
    Policy, and what SecurityMiddleware would have added had it run."""
    headers = {
        CSP_HEADER: build_policy(),
        PERMISSIONS_HEADER: permissions_policy(),
    }
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    if settings.SECURE_REFERRER_POLICY:
        headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    return headers


class SecurityHeadersMiddleware:
    """Give every response the default security headers it lacks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.debug = settings.DEBUG
        # Validated and encoded once through the public API; then copied as Django
        # stores them (response.headers._store: lower-case name -> (name, value)).
        self.defaults = ResponseHeaders(default_headers())._store
        self.names = self.defaults.keys()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        store = response.headers._store
        if self.names <= store.keys() or (self.debug and response.status_code in _DEBUG_PAGES):
            return response  # the hot path: a page (cached or not) has them all
        for name, stored in self.defaults.items():
            store.setdefault(name, stored)
        return response
