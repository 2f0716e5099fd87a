"""Site-wide views of a town: search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from cms.filters import SiteSearchQuery
from eurzad.core.query import reads_query
from eurzad.core.requests import TenantRequest

RESULTS_PER_PAGE = 10


@reads_query(SiteSearchQuery)
def search(request: TenantRequest) -> HttpResponse:
    """Wagtail search over this town's live pages and services (the schema is the town)."""
    filters = request.query.filters
    query = filters["q"]
    results = []
    if query:
        pages = Page.objects.live().public().specific()
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale:
            pages = pages.filter(locale=locale)
        results = pages.search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": paginator.get_page(filters["strona"])},
    )
