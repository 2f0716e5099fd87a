"""Request rates of the API (settings ``API_THROTTLE_*``). The counters live in the
tenant-aware cache, so each town's callers are counted in that town only."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView


class AnonymousThrottle(SimpleRateThrottle):
    """Open data and other calls without credentials: per client address."""

    scope = "anonymous"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PairingThrottle(AnonymousThrottle):
    """Pairing a phone: PIN guesses per client address (the PIN lock counts per account)."""

    scope = "pairing"


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
