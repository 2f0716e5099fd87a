"""Liveness and readiness answered before tenant routing, on any host."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from eurzad.core.health import readiness
from eurzad.core.query import refused_part_of


class HealthCheckMiddleware:
    """``/healthz``: the process is up. ``/readyz``: database and migrations are ready, or
    503 naming what failed; Redis is ``ok`` or ``degraded`` (status ``degraded``, still
    200: pages are served without it). Both in JSON, with no personal data, on any host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return _no_store(JsonResponse({"status": "ok"}))
        if request.path == "/readyz":
            checks = readiness()
            failed = [name for name, ok in checks.items() if ok is False]
            degraded = [name for name, ok in checks.items() if ok == "degraded"]
            status = "unavailable" if failed else "degraded" if degraded else "ok"
            body: dict[str, object] = {"status": status, "checks": checks}
            if failed:
                body["failed"] = failed
            return _no_store(JsonResponse(body, status=503 if failed else 200))
        return self.get_response(request)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class ControlCharacterMiddleware:
    """A NUL byte (or another control character) in the path or the query string is
    refused with a clear 400 page in the town's look before any view runs: PostgreSQL
    text cannot hold NUL, and no address of ours has a use for the others.

    The API refuses the same earlier, as a problem document (``api.middleware``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        part = refused_part_of(request)
        if part is None:
            return self.get_response(request)
        response = render(request, "bad_address.html", {"refused_part": part}, status=400)
        response["Cache-Control"] = "no-store"
        return response
