"""Pick the municipality (and its schema) from the request's host name."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware

from eurzad.core.postgresql.connection import connection
from eurzad.core.requests import TenantRequest
from tenants.activity import town_activity
from tenants.models import Municipality
from tenants.routing import routing_cache

UPDATING_RETRY_AFTER_SECONDS = 120


class MunicipalityMiddleware(TenantMainMiddleware):
    """django-tenants' main middleware with a cached lookup and clear refusal pages."""

    routing = routing_cache
    activity = town_activity
    #: How many validated Host headers each process remembers (see hostname_from_request).
    KNOWN_HOSTS = 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.remember_hosts = not settings.USE_X_FORWARDED_HOST
        self.hostnames: dict[str, str] = {}

    def hostname_from_request(self, request: HttpRequest) -> str:
        """The request's host name without port and ``www.``, checked against
        ``ALLOWED_HOSTS`` (``DisallowedHost`` otherwise). A Host header that passed once is
        remembered (bounded), so the check of a known host is one dictionary look-up."""
        raw = request.META.get("HTTP_HOST") if self.remember_hosts else None
        if raw is None:
            return super().hostname_from_request(request)
        hostname = self.hostnames.get(raw)
        if hostname is None:
            hostname = super().hostname_from_request(request)  # raises for a bad host
            if len(self.hostnames) < self.KNOWN_HOSTS:
                self.hostnames[raw] = hostname
        return hostname

    def __call__(self, request: TenantRequest) -> HttpResponse:
        # Synchronous only; skips MiddlewareMixin's generic dispatch on this hot path.
        return self.process_request(request) or self.get_response(request)

    def process_request(self, request: TenantRequest) -> HttpResponse | None:
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            hostname = request.META.get("HTTP_HOST", "").split(":")[0]
            municipality = None
        else:
            municipality = self.routing.municipality_for(hostname)

        if municipality is None or not municipality.is_served:
            # Nothing of any town may be reachable from here on.
            connection.set_schema_to_public()
            return self._refusal(hostname, municipality)

        request.tenant = municipality
        request.hostname = hostname
        # The routing cache hands out one object per town: when this thread's connection
        # already serves it, switching again would only make the next query repeat
        # SET search_path and forget the content types (the backend keeps the path right
        # across transactions; tests/core/test_search_path.py).
        if connection.tenant is not municipality:
            connection.set_tenant(municipality)
        if municipality.is_platform:
            self.setup_url_routing(request)
        else:
            self.activity.seen(municipality)
        return None

    @staticmethod
    def _refusal(hostname: str, municipality: Municipality | None) -> HttpResponse:
        """The page a host shows instead of a town's site, in Polish with an English part:
        unknown host 404; archived 410; being migrated by ``migrate_towns`` 503 (never a
        half-migrated schema); being set up or suspended 503."""
        Status = Municipality.Status
        headers = {"Cache-Control": "no-store"}
        if municipality is None:
            template, status, headers = "tenants/unknown_host.html", 404, {}
        elif municipality.status == Status.ARCHIVED:
            template, status = "tenants/archived.html", 410
        elif municipality.migrating and municipality.status == Status.ACTIVE:
            template, status = "tenants/updating.html", 503
            headers["Retry-After"] = str(UPDATING_RETRY_AFTER_SECONDS)
        else:
            template, status, headers = "tenants/not_served.html", 503, {"Retry-After": "3600"}
        context = {"hostname": hostname[:253], "municipality": municipality}
        with translation.override("pl"):
            body = render_to_string(template, context, request=None)
        return HttpResponse(body, status=status, headers=headers)
