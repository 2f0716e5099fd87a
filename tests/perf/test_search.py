"""Search over 10,000 services in one town (issue 18): the service catalogue
(/katalog-uslug/?q=) and the site search (/szukaj/?q=) on PostgreSQL full text.

Run: ``pytest --override-ini="norecursedirs=" -m perf -s tests/perf/test_search.py``.

Reported, per query:
- the median time of a whole request (tenant routing, templates…) and its multiple of a
  bare Django view in the same process, with the number of results;
- the search alone against the old way on the same rows: Wagtail's ``search()`` on its
  database backend, which reads every index row (its tsvectors are not indexed for the
  query it makes; its configuration is the server's default, here English) and joins
  pages by a cast id.

Asserted (never an absolute time): every page answers 200 with results; the plans of
the searches read the index rows through their GIN and trigram indexes, never a
``Seq Scan``; for a query that matches one service the search takes a fraction of the
old way's time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.paginator import Paginator
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Locale, Page

from cms.catalogue import find_services
from cms.models import ServiceCatalogueIndexPage, ServicePage
from cms.search import PageSearch
from tests.bulk_pages import add_services
from tests.perf.harness import KeepTestConnection, bare_handler, median_ms, request_ok, uncached
from tests.plans import indexes_used, search_plans

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

TOWN = "glogow.localhost"
SERVICES = 10_000
ROUNDS = 15
INDEX_ROWS = "wagtailsearch_indexentry"
FULL_TEXT = {"cms_search_document"}
SIMILAR = {"cms_search_title_trgm", "cms_search_body_trgm"}
# (page, what it shows: one service, a handful, hundreds, a typo's matches)
# (page, groups of indexes its search plans use: one of each)
PAGES = [
    ("/katalog-uslug/?q=sprawa+1234", [FULL_TEXT]),  # one service
    ("/katalog-uslug/?q=zrodlo+dzialka", [FULL_TEXT]),  # ~130, no diacritics typed
    ("/szukaj/?q=sprawa+1234", [FULL_TEXT]),
    ("/szukaj/?q=zrodlo", [FULL_TEXT]),  # hundreds, ten a page
    ("/szukaj/?q=fotovoltaika", [FULL_TEXT, SIMILAR]),  # a typo: the fallback answers
]
# The search page without a query: the same layout and template, no search.
LAYOUT = "/szukaj/"
SELECTIVE = "sprawa 1234"
# For SELECTIVE the search may take at most this share of the old way's time.
MAX_SHARE_OF_OLD = 0.5


@pytest.fixture(autouse=True)
def _keep_connection():
    with KeepTestConnection():
        yield


@pytest.fixture
def ten_thousand_services(demo_towns):
    with schema_context("glogow"):
        add_services(ServiceCatalogueIndexPage.objects.get(), SERVICES)  # and analyses
    connection.set_schema_to_public()


def _old_catalogue(catalogue: Page, query: str) -> list[ServicePage]:
    """find_services as it was: Wagtail's search ranks, the catalogue's services pass."""
    ranked = [hit.pk for hit in ServicePage.objects.live().child_of(catalogue).search(query)]
    services = ServicePage.objects.live().child_of(catalogue).filter(pk__in=ranked)
    allowed = {service.pk: service for service in services}
    return [allowed[pk] for pk in ranked if pk in allowed]


def _first_page(results: Any) -> list:
    return list(Paginator(results, 10).get_page(1))


def _site_pages() -> Any:
    return Page.objects.live().public().filter(locale=Locale.objects.get(language_code="pl"))


def _searches(catalogue: Page) -> dict[tuple[str, str], Callable[[], list]]:
    """The searches alone for SELECTIVE, by (where, "old" / "new")."""
    return {
        ("catalogue", "old"): lambda: _old_catalogue(catalogue, SELECTIVE),
        ("catalogue", "new"): lambda: find_services(
            catalogue, catalogue_url=catalogue.get_url(), query=SELECTIVE
        ),
        ("site search", "old"): lambda: _first_page(_site_pages().specific().search(SELECTIVE)),
        ("site search", "new"): lambda: _first_page(PageSearch(_site_pages(), SELECTIVE)),
    }


def _results_shown(html: str) -> int:
    return html.count('<li class="card">') + html.count("<li><h3>")


def test_search_over_10000_services(ten_thousand_services):
    handler, bare = WSGIHandler(), bare_handler()
    shown = {url: _results_shown(request_ok(handler, TOWN, url).decode()) for url, _ in PAGES}

    def get(url: str) -> bytes:
        return request_ok(handler, TOWN, url)

    plans = {url: search_plans(get, uncached(url, -1), INDEX_ROWS, "glogow") for url, _ in PAGES}
    baseline = median_ms(lambda n: request_ok(bare, "bench.localhost"), ROUNDS)
    print(f"\n{'request':<40} {'median ms':>10} {'× bare':>8} {'shown':>6}  indexes")
    print(f"{'bare Django view (no middleware)':<40} {baseline:>10.2f} {1:>8.1f}")
    layout = median_ms(lambda n: request_ok(handler, TOWN, uncached(LAYOUT, n)), ROUNDS)
    print(f"{LAYOUT + ' (no query: the page alone)':<40} {layout:>10.2f} {layout / baseline:>8.1f}")
    for url, groups in PAGES:
        median = median_ms(lambda n, url=url: request_ok(handler, TOWN, uncached(url, n)), ROUNDS)
        used = ", ".join(sorted(indexes_used(plans[url], INDEX_ROWS, groups)))
        print(f"{url:<40} {median:>10.2f} {median / baseline:>8.1f} {shown[url]:>6}  {used}")
    with schema_context("glogow"):
        searches = _searches(ServiceCatalogueIndexPage.objects.get())
        found = {key: len(search()) for key, search in searches.items()}
        took = {key: median_ms(lambda n, search=search: search(), ROUNDS)
                for key, search in searches.items()}  # fmt: skip
    print(f"\nthe search alone for {SELECTIVE!r}: one service of {SERVICES:,}")
    print(f"{'search':<40} {'median ms':>10} {'found':>6}")
    for (where, way), median in took.items():
        print(f"{where + ', ' + way:<40} {median:>10.2f} {found[where, way]:>6}")
    assert all(shown.values()), shown
    for where in ("catalogue", "site search"):
        assert found[where, "new"] >= 1, where
        assert took[where, "new"] <= took[where, "old"] * MAX_SHARE_OF_OLD, (where, took)
