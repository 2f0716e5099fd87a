"""An uncached render of a town's pages makes a bounded number of queries, however many
news items and alerts there are (no N+1)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Site

from cms.models import Alert, NewsIndexPage, NewsPage
from tests.conftest import ZEMBRZYCE_HOST, host_client


def _grow_to(count: int) -> None:
    with schema_context("zembrzyce"):
        index = NewsIndexPage.objects.get()
        image = NewsPage.objects.exclude(image=None).first().image
        for number in range(NewsPage.objects.count(), count):
            page = NewsPage(
                title=f"Komunikat nr {number}",
                slug=f"komunikat-{number}",
                lead="Krótki komunikat.",
                body=[("paragraph", "<p>Treść.</p>")],
                image=image,
                date=timezone.localdate() - timedelta(days=number % 30),
            )
            index.add_child(instance=page)
            page.tags.add("komunikat", f"temat-{number % 7}")
            page.save_revision().publish()
        for number in range(Alert.objects.active().count(), count):
            Alert.objects.create(
                title=f"Ostrzeżenie {number}",
                message="Uwaga.",
                area=f"sołectwo {number}",
                valid_until=timezone.now() + timedelta(days=1),
            )


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
