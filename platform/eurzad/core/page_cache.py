"""Full-page cache for anonymous visitors of a town's site.

While Redis is unreachable the cache steps aside and every page is rendered from the
database (docs/operators/resilience.md).

A page is cached per town (tenant-aware cache keys), host, path and query string, in two
layers: each process keeps recently served pages in memory, and Redis shares them
between processes. Each town has a cache *generation*; publishing or unpublishing
anything bumps it, which makes every cached page of that town stale at once in the
process that published and within ``PAGE_CACHE_RECHECK_SECONDS`` everywhere else (each
process re-reads a town's generation from Redis at most that often). A hit in memory
needs no network round trip at all.

A cached page keeps its Content-Security-Policy (the policy may allow the hash of the
town's inline colours) and its Strict-Transport-Security; a page whose policy carries a
nonce is never cached (every visitor would be served the same nonce). With HSTS on, only
pages rendered for HTTPS requests (which carry the header) are stored; with
SECURE_SSL_REDIRECT on, plain-HTTP requests pass the cache to be redirected.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_tenants.utils import schema_context

from eurzad.core.postgresql.connection import connection
from eurzad.core.redis_breaker import on_recovery
from eurzad.core.requests import TenantRequest
from eurzad.core.resilient_cache import cache_available

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
        "content-security-policy",
        "permissions-policy",
        "strict-transport-security",
        "x-page-cache",
    }
)
EXCLUDED_PREFIXES = (
    "/admin/", "/documents/", "/media/", "/konto/", "/logowanie/", "/api/", "/pliki/"
)  # fmt: skip
# No page filter needs a longer query; longer ones are rendered, never stored, so odd
# queries cannot fill the cache with huge keys.
MAX_CACHED_QUERY = 256


class CachedPage(NamedTuple):
    generation: int
    expires_at: float  # epoch seconds; never later than the next change of active alerts
    status: int
    headers: dict[str, tuple[str, str]]  # as HttpResponse.headers stores them
    content: bytes


class LocalPages:
    """This process's copy of recently served pages and of each town's generation."""

    def __init__(self, max_entries: int, recheck_seconds: float) -> None:
        self.max_entries = max_entries
        self.recheck_seconds = recheck_seconds
        self._pages: OrderedDict[tuple[str, str], CachedPage] = OrderedDict()
        self._generations: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def generation(self, schema: str) -> int:
        known = self._generations.get(schema)
        now = time.monotonic()
        if known is not None and now - known[1] < self.recheck_seconds:
            return known[0]
        generation = cache.get(GENERATION_KEY, 0)
        self._generations[schema] = (generation, now)
        return generation

    def set_generation(self, schema: str, generation: int) -> None:
        self._generations[schema] = (generation, time.monotonic())

    def get(self, schema: str, key: str) -> CachedPage | None:
        return self._pages.get((schema, key))

    def put(self, schema: str, key: str, page: CachedPage) -> None:
        if not self.max_entries:
            return
        with self._lock:
            self._pages[(schema, key)] = page
            self._pages.move_to_end((schema, key))
            while len(self._pages) > self.max_entries:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._generations.clear()


local_pages = LocalPages(settings.PAGE_CACHE_LOCAL_ENTRIES, settings.PAGE_CACHE_RECHECK_SECONDS)
# Back from a Redis outage: what this process kept may predate a publish it did not hear
# of (the generations it read are re-read; a bump that failed is repaired in Redis).
on_recovery(local_pages.clear)


def bump_generation() -> None:
    """Make every cached page of the current town stale. Without Redis the bump is made
    when Redis is back (eurzad.core.resilient_cache)."""
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = 1
        cache.set(GENERATION_KEY, generation, timeout=None)
    local_pages.set_generation(connection.schema_name, generation)


def town_changed() -> None:
    """The current town's content changed: its cached pages (and the values of
    :mod:`eurzad.core.town_memo`) are stale now, for this process and the rest of the
    transaction, and again once the transaction commits, so that no process keeps what
    it read before the change was committed."""
    bump_generation()
    schema = connection.schema_name

    def after_commit() -> None:
        with schema_context(schema):  # the generation's key is the town's
            bump_generation()

    transaction.on_commit(after_commit)


def _page_key(request: TenantRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"page-cache:page:{request.hostname}:{request.path_info}?{query}"


def _is_cacheable_request(request: TenantRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and getattr(request, "tenant", None) is not None
        and request.tenant.schema_name != "public"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_CACHED_QUERY
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
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


class CachedPageResponse(HttpResponse):
    """A page answered from the cache."""

    def items(self) -> Any:
        # The (name, value) pairs as Django stores them: what HttpResponse.items() gives,
        # without a case-insensitive lookup per header (the WSGI handler reads them all).
        return self.headers._store.values()


def _respond(page: CachedPage) -> HttpResponse:
    response = CachedPageResponse(page.content, status=page.status)
    # The headers were validated and encoded when the page was first rendered; copying
    # Django's own store of them skips doing that again on every hit (the hot path).
    response.headers._store.update(page.headers)
    return response


# What else changes a page at a known moment (an alert that starts or ends: cms registers
# it): a cached page never outlives the nearest of these moments.
_change_moments: list[Callable[[], datetime | None]] = []


def register_change_moment(next_change: Callable[[], datetime | None]) -> None:
    """Register a function giving the next moment the town's pages change by themselves
    (None when none is known); called from an app's ``AppConfig.ready``."""
    if next_change not in _change_moments:
        _change_moments.append(next_change)


def _seconds_until_pages_change(now: float) -> float | None:
    moments = [moment for next_change in _change_moments if (moment := next_change())]
    return None if not moments else max(min(moments).timestamp() - now, 0)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of a town's pages from the cache; must follow tenant routing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.redirect_to_https = settings.SECURE_SSL_REDIRECT
        self.hsts = bool(settings.SECURE_HSTS_SECONDS)

    def __call__(self, request: TenantRequest) -> HttpResponse:
        if (
            not self.timeout
            or not _is_cacheable_request(request)
            or (self.redirect_to_https and not request.is_secure())
            # Without Redis no generation can be trusted: pages come from the database.
            or not cache_available()
        ):
            return self.get_response(request)

        schema = request.tenant.schema_name
        key = _page_key(request)
        generation = local_pages.generation(schema)
        now = time.time()
        page = local_pages.get(schema, key)
        if page is not None and page.generation == generation and page.expires_at > now:
            return _respond(page)
        page = cache.get(key)
        if page is not None and page.generation == generation and page.expires_at > now:
            local_pages.put(schema, key, page)
            return _respond(page)

        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            _is_cacheable_response(response)
            and not (user and user.is_authenticated)
            and (not self.hsts or "Strict-Transport-Security" in response)
        ):
            response.headers["X-Page-Cache"] = "hit"
            headers = {
                name: stored
                for name, stored in response.headers._store.items()
                if name in CACHED_HEADERS
            }
            timeout = self._timeout(now)
            page = CachedPage(
                generation, now + timeout, response.status_code, headers, response.content
            )
            cache.set(key, page, timeout)
            local_pages.put(schema, key, page)
            response["X-Page-Cache"] = "miss"
        return response

    def _timeout(self, now: float) -> int:
        """Cache no longer than the setting, nor past the next start or end of an alert."""
        until_change = _seconds_until_pages_change(now)
        if until_change is None:
            return self.timeout
        return max(1, min(self.timeout, int(until_change)))
