"""Full-page cache for anonymous visitors of a town's site.

A page is cached per town (tenant-aware cache keys), host, path and query string. Each
town has a cache *generation*; publishing or unpublishing anything bumps it, which
makes every cached page of that town stale at once. One Redis round trip per hit: the
generation and the page are fetched together.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "page-cache:generation"
CACHED_HEADERS = frozenset(
    {
        "content-type",
        "content-language",
        "vary",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
    }
)
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/konto/", "/logowanie/", "/api/")


def bump_generation() -> None:
    """Make every cached page of the current town stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def _page_key(request: HttpRequest) -> str:
    return f"page-cache:page:{request.get_host()}:{request.get_full_path()}"


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and getattr(request, "tenant", None) is not None
        and request.tenant.schema_name != "public"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _is_cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of a town's pages from the cache; must follow tenant routing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _is_cacheable_request(request):
            return self.get_response(request)

        page_key = _page_key(request)
        found = cache.get_many([GENERATION_KEY, page_key])
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(page_key)
        if entry is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        user = getattr(request, "user", None)
        if _is_cacheable_response(response) and not (user and user.is_authenticated):
            headers = [
                (name, value) for name, value in response.items() if name.lower() in CACHED_HEADERS
            ]
            cache.set(
                page_key,
                (generation, response.status_code, headers, response.content),
                self.timeout,
            )
            response["X-Page-Cache"] = "miss"
        return response
