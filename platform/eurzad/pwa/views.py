"""The installable app's files, served from the root of each town's host."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from eurzad.core.requests import TenantRequest
from eurzad.pwa.services import (
    ICON_SIZES,
    service_worker_script,
    town_icon,
    town_look,
    web_app_manifest,
)

MANIFEST_MAX_AGE = 3600
ICON_MAX_AGE = 24 * 3600
VERSIONED_ICON_MAX_AGE = 365 * 24 * 3600


@require_safe
def manifest(request: TenantRequest) -> HttpResponse:
    """GET /manifest.webmanifest: the town's Web App Manifest."""
    body = json.dumps(web_app_manifest(request), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/manifest+json; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MANIFEST_MAX_AGE}"
    return response


@require_safe
def icon(request: TenantRequest, size: int, maskable: bool = False) -> HttpResponse:
    """GET /pwa/ikona-<size>[-maskable].png: the town's app icon. An icon asked for by
    its current version (``?v=``, as the manifest links it) never changes and is cached
    for a year; otherwise for a day, revalidated by ETag."""
    if size not in ICON_SIZES:
        raise Http404
    look = town_look(request)
    etag = f'"{look.version}-{size}{"m" if maskable else ""}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(town_icon(look, size, maskable), content_type="image/png")
    response["ETag"] = etag
    max_age = VERSIONED_ICON_MAX_AGE if request.GET.get("v") == look.version else ICON_MAX_AGE
    response["Cache-Control"] = f"public, max-age={max_age}" + (
        ", immutable" if max_age == VERSIONED_ICON_MAX_AGE else ""
    )
    return response


@require_safe
def service_worker(request: TenantRequest) -> HttpResponse:
    """GET /sw.js: the service worker, from the root so that it controls the whole host.
    Always revalidated, so that a new version reaches browsers at once."""
    response = HttpResponse(
        service_worker_script(request), content_type="application/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """GET /offline/: what the app shows without a network, with the obligations this
    browser saved (filled in by its script from Cache Storage, never by the server).

    The page is the same for everybody: it is rendered without the resident bar and
    without session messages, so the copy the service worker keeps holds nothing
    personal. It is not kept in shared caches all the same."""
    response = render(
        request,
        "pwa/offline.html",
        {"resident_bar": None, "messages": [], "pwa_offline_page": True},
    )
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return response
