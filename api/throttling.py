"""Request rates of the API (settings ``API_THROTTLE_*``). The counters live in the
tenant-aware cache, so each town's callers are counted in that town only.

While Redis is unreachable the counters cannot be kept: the limits open (a read is a
miss), except the one on PIN guesses, which closes — pairing answers 503 with
Retry-After until Redis is back (docs/operators/resilience.md)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from api.problems import Problem
from eurzad.core.resilient_cache import cache_available


class AnonymousThrottle(SimpleRateThrottle):
    """Open data and other calls without credentials: per client address."""

    scope = "anonymous"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PairingThrottle(AnonymousThrottle):
    """Pairing a phone: PIN guesses per client address (the PIN lock counts per account).
    Closed while the counter cannot be kept."""

    scope = "pairing"

    def allow_request(self, request: Request, view: APIView) -> bool:
        if not cache_available():
            unavailable = Problem(
                503,
                "pairing-unavailable",
                _("Parowanie telefonu jest chwilowo niedostępne. Spróbuj ponownie za minutę."),
            )
            # DRF's handler turns ``wait`` into Retry-After.
            unavailable.wait = settings.REDIS_BREAKER_OPEN_SECONDS  # type: ignore[attr-defined]
            raise unavailable
        return super().allow_request(request, view)


class DeviceThrottle(SimpleRateThrottle):
    """Per paired device."""

    scope = "device"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        device = getattr(request, "device", None)
        ident = f"device-{device.pk}" if device is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class IntegrationThrottle(SimpleRateThrottle):
    """Per back-office API client (``request.auth`` is the client)."""

    scope = "integration"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        client = request.auth
        ident = f"client-{client.pk}" if client is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
