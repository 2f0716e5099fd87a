"""Where a path of a town's site leads is remembered per town and language
(``cms.routing``): a page served again skips Wagtail's walk down the page tree, and every
change of the tree (publishing, unpublishing, a new slug, a page made private) shows on
the next request."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from wagtail.models import Page, PageViewRestriction

from cms.models import NewsIndexPage
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client


def _contact(schema: str) -> Page:
    with schema_context(schema):
        return Page.objects.get(slug="kontakt").specific


def _give_contact_slug(schema: str, slug: str) -> None:
    """The town's contact page published under a new slug."""
    with schema_context(schema):
        contact = _contact(schema)
        contact.slug = slug
        contact.save_revision().publish()


def _statements(client, path: str) -> tuple[int, int]:
    """The response's status and the statements it ran (a query string the page cache
    has not seen, so the page is rendered)."""
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    return status, len(captured.captured_queries)


def test_a_page_served_again_is_not_routed_again(towns, zembrzyce):
    first_status, first = _statements(zembrzyce, "/kontakt/?raz=1")
    again_status, again = _statements(zembrzyce, "/kontakt/?raz=2")
    assert first_status == again_status == 200
    assert again <= first - 3  # the locale, the root page, the child: one page instead


def test_each_town_and_language_has_its_own_route(towns, zembrzyce, glogow):
    for _round in range(2):
        assert _contact("zembrzyce").title in zembrzyce.get("/kontakt/?a=1").content.decode()
        assert _contact("glogow").title in glogow.get("/kontakt/?a=1").content.decode()
        english = zembrzyce.get("/en/?a=1")
        assert english.status_code == 200 and '<html lang="en"' in english.content.decode()
        polish = zembrzyce.get("/?a=1")
        assert '<html lang="pl"' in polish.content.decode()


def test_an_unpublished_page_is_gone_at_once(towns, zembrzyce, glogow):
    assert zembrzyce.get("/kontakt/?b=1").status_code == 200
    with schema_context("zembrzyce"):
        _contact("zembrzyce").unpublish()
    assert zembrzyce.get("/kontakt/?b=2").status_code == 404
    assert glogow.get("/kontakt/?b=2").status_code == 200  # the other town's is its own


def test_a_new_slug_moves_the_page(towns, zembrzyce):
    assert zembrzyce.get("/kontakt/?c=1").status_code == 200
    _give_contact_slug("zembrzyce", "kontakt-z-urzedem")
    assert zembrzyce.get("/kontakt/?c=2").status_code == 404
    assert zembrzyce.get("/kontakt-z-urzedem/?c=2").status_code == 200


def test_a_page_made_private_is_private_at_once_also_in_the_page_cache(towns, zembrzyce):
    zembrzyce.get("/kontakt/")
    assert zembrzyce.get("/kontakt/")["X-Page-Cache"] == "hit"
    with schema_context("zembrzyce"):
        PageViewRestriction.objects.create(
            page=_contact("zembrzyce"), restriction_type=PageViewRestriction.LOGIN
        )
    for path in ("/kontakt/", "/kontakt/?d=1"):
        response = zembrzyce.get(path)
        assert response.status_code == 302, path
        assert "X-Page-Cache" not in response


def test_a_route_of_a_routable_page_is_remembered_with_its_view(towns):
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        news = NewsIndexPage.objects.live().first()
        assert news is not None
        url = news.url
    for number in range(2):
        feed = client.get(f"{url}rss/?e={number}")
        assert feed.status_code == 200
        assert feed["Content-Type"].startswith("application/rss+xml")
        listing = client.get(f"{url}?e={number}")
        assert listing.status_code == 200 and "<html" in listing.content.decode()


def test_a_path_that_leads_nowhere_stays_nowhere_until_a_page_is_there(towns):
    client = host_client(GLOGOW_HOST)
    assert client.get("/nowa-strona/").status_code == 404
    _give_contact_slug("glogow", "nowa-strona")
    assert client.get("/nowa-strona/").status_code == 200


def test_every_page_type_of_the_towns_remembers_its_view_restrictions():
    from wagtail.models import get_page_models

    from cms.models.view_restrictions import RememberedViewRestrictions

    ours = [model for model in get_page_models() if model._meta.app_label == "cms"]
    assert ours
    assert all(issubclass(model, RememberedViewRestrictions) for model in ours)


def test_a_page_below_a_private_page_is_private_too_and_public_again_after(towns):
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        news = NewsIndexPage.objects.live().first()
        item = news.get_children().live().first()
        item_url = item.url
    assert client.get(f"{item_url}?f=1").status_code == 200
    with schema_context("zembrzyce"):
        restriction = PageViewRestriction.objects.create(
            page=news, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(f"{item_url}?f=2").status_code == 302
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{item_url}?f=3").status_code == 302
    assert not [q for q in captured.captured_queries if "wagtailcore_pageview" in q["sql"]][1:]
    with schema_context("zembrzyce"):
        restriction.delete()
    assert client.get(f"{item_url}?f=4").status_code == 200


def test_an_unrestricted_page_served_again_reads_no_restrictions(towns, zembrzyce):
    zembrzyce.get("/kontakt/?g=1")
    with CaptureQueriesContext(connection) as captured:
        assert zembrzyce.get("/kontakt/?g=2").status_code == 200
    assert not [
        q for q in captured.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]
    ]
