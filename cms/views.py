"""Site-wide views of a town: search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from cms.filters import SiteSearchQuery
from cms.search import PageSearch
from eurzad.core.query import reads_query
from eurzad.core.requests import TenantRequest

RESULTS_PER_PAGE = 10


@reads_query(SiteSearchQuery)
def search(request: TenantRequest) -> HttpResponse:
    """Full-text search over this town's live public pages and services in the page's
    language (cms.search; the schema is the town)."""
    filters = request.query.filters
    query = filters["q"]
    results: PageSearch | list[Page] = []
    if query:
        pages = Page.objects.live().public()
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale:
            pages = pages.filter(locale=locale)
        results = PageSearch(pages, query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": paginator.get_page(filters["strona"])},
    )
