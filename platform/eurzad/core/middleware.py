"""Liveness and readiness answered before tenant routing, on any host."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from eurzad.core.health import readiness


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            checks = readiness()
            ok = all(checks.values())
            return JsonResponse(
                {"status": "ok" if ok else "unavailable", "checks": checks},
                status=200 if ok else 503,
            )
        return self.get_response(request)
