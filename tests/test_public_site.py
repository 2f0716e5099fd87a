"""What a resident sees without logging in, on each town's own host only."""

import json

import pytest
from django_tenants.utils import schema_context

from cms.models import NewsPage, ServicePage
from tests.conftest import host_client

PAGE_TYPES = [
    ("/", "cms/home_page.html"),
    ("/aktualnosci/", "cms/news_index_page.html"),
    ("/katalog-uslug/", "cms/service_catalogue_index_page.html"),
    ("/kontakt/", "cms/contact_page.html"),
    ("/opinia/", "cms/feedback_form_page.html"),
    ("/deklaracja-dostepnosci/", "cms/accessibility_statement_page.html"),
    ("/ochrona-danych/", "cms/privacy_page.html"),
]


@pytest.mark.parametrize(("path", "template"), PAGE_TYPES)
@pytest.mark.parametrize(
    ("host", "own", "foreign"),
    [
        ("zembrzyce.localhost", "Gmina Zembrzyce", "Głogów"),
        ("glogow.localhost", "Miasto Głogów", "Zembrzyce"),
    ],
    ids=["zembrzyce", "glogow"],
)
def test_every_page_type_renders_with_its_towns_data_only(
    towns, host, own, foreign, path, template
):
    response = host_client(host).get(path)
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    html = response.content.decode()
    assert own in html
    assert foreign not in html


@pytest.mark.parametrize("schema", ["zembrzyce", "glogow"])
def test_news_and_services_of_one_town_are_not_found_on_the_other(towns, schema):
    other = "glogow" if schema == "zembrzyce" else "zembrzyce"
    with schema_context(schema):
        news = NewsPage.objects.live().first()
        news_url = news.url
        news_title = news.title
    with schema_context(other):
        clash = NewsPage.objects.filter(url_path__endswith=news_url.split("/")[-2] + "/").exists()
    own = host_client(f"{schema}.localhost").get(news_url)
    assert own.status_code == 200 and news_title in own.content.decode()
    if not clash:
        assert host_client(f"{other}.localhost").get(news_url).status_code == 404


def test_demo_has_enough_news_services_and_alerts(towns):
    from cms.models import Alert

    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            assert NewsPage.objects.live().count() >= 5
            assert ServicePage.objects.live().count() >= 12
            assert Alert.objects.count() == 2
            assert Alert.objects.active().count() == 1


def test_news_index_paginates_filters_by_tag_and_has_rss(zembrzyce):
    html = zembrzyce.get("/aktualnosci/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    rss = zembrzyce.get("/aktualnosci/rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert b"<item>" in rss.content
    with schema_context("zembrzyce"):
        tag = NewsPage.objects.live().first().tags.first().name
    tagged = zembrzyce.get("/aktualnosci/", {"tag": tag}).content.decode()
    assert f": {tag}" in tagged
    assert zembrzyce.get("/aktualnosci/", {"strona": "999"}).status_code == 200


def test_english_home_page_is_served_under_en(zembrzyce):
    response = zembrzyce.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Check your local taxes" in html
    assert "Skip to content" in html and "Przejdź do treści" not in html
    polish = zembrzyce.get("/").content.decode()
    assert '<html lang="pl">' in polish
    assert 'hreflang="en"' in polish


def test_sitemap_lists_only_own_towns_pages(zembrzyce):
    xml = zembrzyce.get("/sitemap.xml").content.decode()
    assert "http://zembrzyce.localhost/katalog-uslug/" in xml
    assert "glogow" not in xml


def test_unknown_page_gets_branded_404(zembrzyce):
    response = zembrzyce.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Nie znaleziono strony" in html and "Gmina Zembrzyce" in html


def test_platform_host_404_is_plain(towns):
    response = host_client("localhost").get("/nie-ma/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_alerts_json_feed_has_only_active_alerts(zembrzyce):
    data = json.loads(zembrzyce.get("/ostrzezenia.json").content)
    assert len(data["alerts"]) == 1
    assert {"title", "severity", "area", "valid_until"} <= set(data["alerts"][0])
    rss = zembrzyce.get("/ostrzezenia/rss/").content.decode()
    assert rss.count("<item>") == 1
