"""Hands Wagtail the town's site and its sites' root paths for each request from the
per-town memo."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.http.request import split_domain_port

from eurzad.core.requests import TenantRequest
from themes.sites import site_for_host, site_root_paths


class TownSiteMiddleware:
    """Give Wagtail the town's site for the request from the per-town memo (it keeps it as
    ``request._wagtail_site``), so that neither its routing nor ``Site.find_for_request``
    in templates and views queries it again; and the root paths of the town's sites, which
    every page URL is made from (Wagtail keeps them per request as
    ``request._wagtail_cached_site_root_paths``, read from the shared cache otherwise).
    Must follow tenant routing."""

    def __init__(self, get_response: Callable[[TenantRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: TenantRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if tenant is not None and tenant.schema_name != "public":
            # As Wagtail reads the host: the raw one (ALLOWED_HOSTS was checked by routing).
            hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
            request._wagtail_site = site_for_host(hostname, request.get_port())  # type: ignore[attr-defined]
            request._wagtail_cached_site_root_paths = site_root_paths()  # type: ignore[attr-defined]
        return self.get_response(request)
