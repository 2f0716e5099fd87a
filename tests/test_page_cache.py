"""Anonymous visitors get cached pages; publishing makes them fresh at once."""

from django_tenants.utils import schema_context
from wagtail.models import Site

from tests.conftest import host_client


def test_second_anonymous_view_is_served_from_cache(towns, zembrzyce):
    assert zembrzyce.get("/")["X-Page-Cache"] == "miss"
    assert zembrzyce.get("/")["X-Page-Cache"] == "hit"


def test_cache_is_per_town(towns, zembrzyce, glogow):
    zembrzyce.get("/")
    response = glogow.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Miasto Głogów" in response.content.decode()


def test_publishing_makes_cached_pages_fresh(towns, zembrzyce):
    zembrzyce.get("/")
    with schema_context("zembrzyce"):
        home = Site.objects.get(is_default_site=True).root_page.specific
        home.hero_title = "e-Urząd Gminy Zembrzyce – nowa wersja"
        home.save_revision().publish()
    response = zembrzyce.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "nowa wersja" in response.content.decode()


def test_logged_in_editor_is_never_served_or_stored_in_cache(towns):
    from tests.conftest import ZEMBRZYCE_HOST

    client = host_client(ZEMBRZYCE_HOST)
    client.post(
        "/admin/login/",
        {"username": "redaktor", "password": towns[ZEMBRZYCE_HOST].editor_password},
    )
    first = client.get("/")
    second = client.get("/")
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_unknown_path_is_not_cached(towns, zembrzyce):
    assert zembrzyce.get("/nie-ma-takiej-strony/").status_code == 404
    assert "X-Page-Cache" not in zembrzyce.get("/nie-ma-takiej-strony/")


def test_a_page_with_an_overlong_query_is_rendered_but_never_stored(towns, zembrzyce):
    path = "/szukaj/?q=ratusz&utm_campaign=" + "x" * 300
    assert zembrzyce.get(path).status_code == 200
    assert "X-Page-Cache" not in zembrzyce.get(path)
    assert zembrzyce.get("/szukaj/?q=ratusz")["X-Page-Cache"] == "miss"


def test_other_processes_see_a_publication_through_redis(towns):
    from eurzad.core.page_cache import LocalPages, bump_generation

    other_process = LocalPages(max_entries=10, recheck_seconds=0)
    with schema_context("zembrzyce"):
        before = other_process.generation("zembrzyce")
        bump_generation()
        assert other_process.generation("zembrzyce") == before + 1
