"""An uncached render of a town's pages makes a bounded number of queries, however many
news items and alerts there are (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from wagtail.models import Site

from tests.conftest import ZEMBRZYCE_HOST, host_client
from tests.query_counts.content import grow_alerts, grow_news


def _grow_to(count: int) -> None:
    with schema_context("zembrzyce"):
        grow_news(count)
        grow_alerts(count)


def _queries(path: str) -> int:
    client = host_client(ZEMBRZYCE_HOST)
    client.get(path)  # warm per-process caches (site root, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", ["/", "/aktualnosci/", "/kontakt/", "/katalog-uslug/"])
def test_queries_do_not_grow_with_news_and_alerts(towns, settings, path):
    settings.PAGE_CACHE_SECONDS = 0
    _grow_to(5)
    with_five = _queries(path)
    _grow_to(50)
    with_fifty = _queries(path)
    assert with_fifty == with_five, (
        f"{path}: {with_five} queries with 5 items, {with_fifty} with 50"
    )
    # One SET search_path (TENANT_LIMIT_SET_CALLS) and about 20 queries (was 40–50 statements
    # with a SET before every query).
    assert with_five <= 25


def test_home_page_shows_latest_news_and_all_active_alerts(towns, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _grow_to(50)
    html = host_client(ZEMBRZYCE_HOST).get("/").content.decode()
    assert "Komunikat nr 30" in html  # dated today, the newest
    assert html.count('class="card alert') == 50
    with schema_context("zembrzyce"):
        assert Site.objects.get(is_default_site=True).root_page.title == "Gmina Zembrzyce"
