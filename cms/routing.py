"""The page a path of the town's site leads to, remembered per town and language.

Wagtail finds a path's page by walking down from the site's root. It reads the root's
locale, then the root page, then each level's child page and its specific object. For
``/katalog-uslug/`` that is four statements, more for a deeper page, and it happens on
every request the page cache does not answer, which is every request of a logged-in
resident.

Where a path leads changes only when the town's pages do (published, unpublished, moved,
deleted). Those changes also make its cached pages stale, so the route is kept in the
town memo (:mod:`eurzad.core.town_memo`) under the same generation. The memo keeps the
page's model, its id and the route's arguments. Each request then loads that one page
(one statement, compiled once per page model: :mod:`eurzad.core.postgresql.compiled`)
and hands it to Wagtail's own view, which still checks the page's view restrictions and
serves it. A path that leads nowhere is not remembered."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path
from django.utils.translation import get_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from eurzad.core.postgresql.compiled import CompiledQuery
from eurzad.core.town_memo import town_memo

#: Wagtail's own attribute for the route of the request (``Page.route_for_request``).
_ROUTE_OF_REQUEST = "_wagtail_route_for_request"


class _Route(NamedTuple):
    model: type[Page]
    page_id: int
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def _route(request: HttpRequest, path: str) -> _Route:
    found = Page.route_for_request(request, path)
    if found is None:
        raise Http404  # not remembered: any path may be asked for
    page, args, kwargs = found
    return _Route(type(page), page.pk, tuple(args), dict(kwargs))


#: Each page model's query for one page by id, compiled on first use.
_PAGE_BY_ID: dict[type[Page], CompiledQuery] = {}


def _page(model: type[Page], page_id: int) -> Page | None:
    """The page of ``model`` with this id (None when it is gone)."""
    query = _PAGE_BY_ID.get(model)
    if query is None:
        by_id = CompiledQuery(lambda pk: model._default_manager.filter(pk=pk), pk=-7_001)
        query = _PAGE_BY_ID.setdefault(model, by_id)
    found = query.instances(pk=page_id)
    return found[0] if found else None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view (``wagtail.views.serve``), with the route remembered."""
    route = town_memo.remember(("page-route", get_language(), path), lambda: _route(request, path))
    if not hasattr(request, _ROUTE_OF_REQUEST):  # routed by the memo, not just now
        page = _page(route.model, route.page_id)
        found = None if page is None else RouteResult(page, list(route.args), route.kwargs)
        setattr(request, _ROUTE_OF_REQUEST, found)
    return wagtail_views.serve(request, path)


#: Wagtail's front-end URLs with its page view replaced by :func:`serve` (same name and
#: pattern, so ``Page.url`` and every reverse of ``wagtail_serve`` are unchanged).
urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
