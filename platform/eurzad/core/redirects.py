"""Where a page may send a visitor on to, when the address comes from the request."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def same_host_url(request: HttpRequest, url: str) -> str:
    """``url`` if it stays on the host the request came to (a path, or an absolute URL of
    this host with the request's scheme or a safer one), else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""
