"""Pick the municipality (and its schema) from the request's host name."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.activity import town_activity
from tenants.models import Municipality
from tenants.routing import routing_cache

UPDATING_RETRY_AFTER_SECONDS = 120


class MunicipalityMiddleware(TenantMainMiddleware):
    """django-tenants' main middleware with a cached lookup and clear refusal pages."""

    routing = routing_cache
    activity = town_activity

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Synchronous only; skips MiddlewareMixin's generic dispatch on this hot path.
        return self.process_request(request) or self.get_response(request)

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
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
            if municipality is None:
                return self._unknown_host(request, hostname)
            if municipality.status == Municipality.Status.ARCHIVED:
                return self._archived(municipality)
            if municipality.migrating and municipality.status == Municipality.Status.ACTIVE:
                return self._updating(municipality)
            return self._not_served(request, municipality)

        request.tenant = municipality
        request.hostname = hostname
        connection.set_tenant(municipality)
        if municipality.is_platform:
            self.setup_url_routing(request)
        else:
            self.activity.seen(municipality)
        return None

    @staticmethod
    def _unknown_host(request: HttpRequest, hostname: str) -> HttpResponse:
        with translation.override("pl"):
            body = render_to_string(
                "tenants/unknown_host.html", {"hostname": hostname[:253]}, request=None
            )
        return HttpResponse(body, status=404)

    @staticmethod
    def _archived(municipality: Municipality) -> HttpResponse:
        """410: the town's service was closed for good (its data kept in an export)."""
        with translation.override("pl"):
            body = render_to_string(
                "tenants/archived.html", {"municipality": municipality}, request=None
            )
        response = HttpResponse(body, status=410)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _updating(municipality: Municipality) -> HttpResponse:
        """503 while ``migrate_towns`` migrates the town: never serve a half-migrated schema."""
        with translation.override("pl"):
            body = render_to_string(
                "tenants/updating.html", {"municipality": municipality}, request=None
            )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(UPDATING_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _not_served(request: HttpRequest, municipality: Municipality) -> HttpResponse:
        with translation.override("pl"):
            body = render_to_string(
                "tenants/not_served.html", {"municipality": municipality}, request=None
            )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "3600"
        return response
