"""Katalog usług: filters by category and life situation, text search, per town."""

from django_tenants.utils import schema_context

from cms.models import LifeSituation, ServiceCategory, ServicePage


def _titles(response) -> list[str]:
    return [service.title for service in response.context["services"]]


def test_catalogue_lists_all_services(zembrzyce):
    response = zembrzyce.get("/katalog-uslug/")
    with schema_context("zembrzyce"):
        assert len(_titles(response)) == ServicePage.objects.live().count()


def test_filter_by_category(zembrzyce):
    with schema_context("zembrzyce"):
        category = ServiceCategory.objects.filter(services__isnull=False).first()
        expected = set(
            ServicePage.objects.live().filter(categories=category).values_list("title", flat=True)
        )
    response = zembrzyce.get("/katalog-uslug/", {"kategoria": category.slug})
    assert set(_titles(response)) == expected
    assert f'value="{category.slug}" selected' in response.content.decode()


def test_filter_by_life_situation(zembrzyce):
    with schema_context("zembrzyce"):
        situation = LifeSituation.objects.filter(services__isnull=False).first()
        expected = set(
            ServicePage.objects.live()
            .filter(life_situations=situation)
            .values_list("title", flat=True)
        )
    response = zembrzyce.get("/katalog-uslug/", {"sytuacja": situation.slug})
    assert set(_titles(response)) == expected


def test_text_search_finds_the_alcohol_permit(glogow):
    titles = _titles(glogow.get("/katalog-uslug/", {"q": "alkoholowych"}))
    assert any("alkohol" in title.lower() for title in titles)
    assert len(titles) < 5


def test_nothing_found_says_so(glogow):
    response = glogow.get("/katalog-uslug/", {"q": "zzzqqqxxx"})
    assert _titles(response) == []
    assert "Żadna usługa nie pasuje" in response.content.decode()


def test_service_page_has_every_section(zembrzyce):
    with schema_context("zembrzyce"):
        service = ServicePage.objects.live().get(slug__contains="alkohol")
        url = service.url
    html = zembrzyce.get(url).content.decode()
    for heading in [
        "Do czego służy",
        "Potrzebne dokumenty",
        "Opłaty",
        "Jak załatwić",
        "Podstawa prawna",
    ]:
        assert heading in html


def test_site_search_covers_pages_and_services_of_this_town_only(zembrzyce, glogow):
    with schema_context("glogow"):
        ServicePage.objects.live().filter(slug__contains="alkohol").update(
            title="Zezwolenie na sprzedaż napojów alkoholowych – Głogów Unikat"
        )
    with schema_context("glogow"):
        from wagtail.search.backends import get_search_backend

        page = ServicePage.objects.live().get(slug__contains="alkohol")
        get_search_backend().add(page)
    assert "Głogów Unikat" in glogow.get("/szukaj/", {"q": "Unikat"}).content.decode()
    assert "Głogów Unikat" not in zembrzyce.get("/szukaj/", {"q": "Unikat"}).content.decode()
    found = zembrzyce.get("/szukaj/", {"q": "podatek"}).content.decode()
    assert "wynik" in found.lower()
