"""Content-Security-Policy: one strict policy for every response, and what a single
response may add to it.

The policy itself is ``CONTENT_SECURITY_POLICY`` in the settings (django-csp 4); the
exceptions some paths need (the Wagtail admin, the API's documentation) are
``CSP_PATH_EXCEPTIONS``. On top of that, a view or a template may widen the policy of
its own response only:

- :func:`allow_form_posts_to` — a page whose form is sent to another site (login.gov.pl,
  a payment gateway: ``form-action`` also applies to where a form's answer redirects);
- :func:`allow` with :func:`source_hash` — one known inline ``<style>`` (the town's
  colours, ``{% hashed_style %}``), so that ``style-src`` never needs ``'unsafe-inline'``;
- ``request.csp_nonce`` (django-csp) for an inline script that cannot be a file; none of
  ours needs one. A page whose policy carries a nonce is never put in the anonymous page
  cache (eurzad.core.page_cache): every visitor would get the same nonce.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from eurzad.core.security_headers import PERMISSIONS_HEADER, permissions_policy

_ADDITIONS = "_eurzad_csp_additions"


def allow(request: HttpRequest, directive: str, *sources: str) -> None:
    """Let this request's response allow ``sources`` for ``directive`` on top of the policy."""
    additions: dict[str, list[str]] = request.__dict__.setdefault(_ADDITIONS, {})
    allowed = additions.setdefault(directive, [])
    allowed.extend(source for source in sources if source and source not in allowed)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL; "" for a relative or odd one."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def allow_form_posts_to(request: HttpRequest, *urls: str) -> None:
    """This response's page sends a form to ``urls`` (or is redirected there after a
    form): allow their origins in ``form-action``."""
    allow(request, "form-action", *(origin(url) for url in urls))


def source_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _merged(*layers: dict[str, Any] | None) -> dict[str, list[str]] | None:
    merged: dict[str, list[str]] = {}
    for layer in layers:
        for directive, sources in (layer or {}).items():
            values = [sources] if isinstance(sources, str) else list(sources)
            target = merged.setdefault(directive, [])
            target.extend(value for value in values if value not in target)
    return merged or None


def path_exceptions(path: str) -> dict[str, list[str]]:
    """The directives ``CSP_PATH_EXCEPTIONS`` replaces on ``path``: those of the longest
    prefix that matches (an empty entry keeps the strict policy under a looser one)."""
    matches = [entry for entry in settings.CSP_PATH_EXCEPTIONS if path.startswith(entry[0])]
    return dict(max(matches, key=lambda entry: len(entry[0]))[1]) if matches else {}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with this project's additions: the per-path exceptions,
    what the view or its templates allowed for this response, and ``frame-ancestors
    'self'`` where a view lets its page be framed by its own site (``X-Frame-Options:
    SAMEORIGIN``, as Wagtail's preview does). It also sets the Permissions-Policy, so
    that a page put in the anonymous page cache is stored with both policies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        super().__init__(get_response)
        self.permissions_policy = permissions_policy()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if PERMISSIONS_HEADER not in response:
            response[PERMISSIONS_HEADER] = self.permissions_policy
        return response

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        replace = path_exceptions(request.path_info)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        parts.replace = _merged(replace, parts.replace)
        parts.update = _merged(request.__dict__.get(_ADDITIONS), parts.update)
        return parts
