"""Search on PostgreSQL: the service catalogue (/katalog-uslug/?q=), the site search
(/szukaj/?q=), the public registers (/rejestry/<rejestr>/?q=) and the property search
(/mienie/?q=). Polish typed without diacritics is found, inflected forms are found, a typo
is forgiven, the best match comes first, the filters still apply, non-public register
fields are never searched, and a town's search never returns another town's pages,
entries or properties. (The plans: tests/test_search_plans.py.)"""

from __future__ import annotations

import pytest
from django.utils.text import slugify
from django_tenants.utils import schema_context
from wagtail.models import Page

from cms.models import ServiceCatalogueIndexPage, ServiceCategory, ServicePage, StandardPage
from cms.search import matching_documents
from eurzad.registers.defaults import ALCOHOL_PERMITS
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry

pytestmark = pytest.mark.django_db

HEATING = "Zgłoszenie źródła ciepła – kocioł, kominek, pompa ciepła"
INSULATION = "Dotacja na termomodernizację budynku"
CHIMNEY_SWEEP = "Przegląd przewodów dymowych i wentylacyjnych"


def _add_service(
    schema: str,
    title: str,
    summary: str,
    purpose: str = "<p>Wniosek w urzędzie.</p>",
    category: str = "",
) -> None:
    with schema_context(schema):
        catalogue = ServiceCatalogueIndexPage.objects.get()
        service = ServicePage(
            title=title, slug=slugify(title)[:50], summary=summary, purpose=purpose
        )
        catalogue.add_child(instance=service)
        if category:
            service.categories.set([ServiceCategory.objects.get(slug=category)])
            service.save()  # saved again: the search index follows every save


@pytest.fixture
def glogow_services(towns: dict) -> None:
    """Three services only Głogów offers."""
    _add_service(
        "glogow",
        HEATING,
        "Zgłoś nowe źródło ciepła do centralnej ewidencji emisyjności budynków.",
        "<p>Dotyczy pieców na paliwo stałe i kominków.</p>",
        category="srodowisko",
    )
    _add_service(
        "glogow",
        INSULATION,
        "Dofinansowanie ocieplenia i wymiany okien.",
        category="nieruchomosci",
    )
    _add_service(
        "glogow",
        CHIMNEY_SWEEP,
        "Okresowa kontrola przewodów dymowych.",
        "<p>Przegląd obejmuje kominek i przewody wentylacyjne.</p>",
        category="srodowisko",
    )


def _services(client, query: str, **filters: str) -> list[str]:
    response = client.get("/katalog-uslug/", {"q": query, **filters})
    assert response.status_code == 200
    return [service.title for service in response.context["services"]]


def _site_results(client, query: str) -> list[str]:
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


# The service catalogue


def test_catalogue_finds_polish_typed_without_diacritics(glogow, glogow_services):
    assert _services(glogow, "zrodla ciepla") == [HEATING]
    assert _services(glogow, "ŹRÓDŁA CIEPŁA") == [HEATING]


def test_catalogue_finds_other_forms_of_a_word(glogow, glogow_services):
    # "źródło" (the title says "źródła"), "podatku" (the titles say "Podatek").
    assert HEATING in _services(glogow, "źródło")
    titles = _services(glogow, "podatku od nieruchomości")
    assert titles[0].startswith("Podatek od nieruchomości"), titles


def test_catalogue_forgives_a_typo(glogow, glogow_services):
    for typo, found in [("termomodernisacja", INSULATION), ("wymeldownie", "Wymeldowanie")]:
        with schema_context("glogow"):
            # Full text finds nothing: the similar words answer.
            assert not matching_documents(ServicePage.objects.live(), typo).exists()
        titles = _services(glogow, typo)
        assert titles and titles[0].startswith(found), (typo, titles)


def test_catalogue_forgives_a_wrong_ending(glogow):
    # Words match by their beginning: "podateg" and "podatk" are "podat…".
    for typo in ("podateg", "podatk"):
        titles = _services(glogow, typo)
        assert any(title.startswith("Podatek od nieruchomości") for title in titles), typo


def test_catalogue_puts_a_title_match_before_a_text_match(glogow, glogow_services):
    # "kominek" is in the heating service's title, only in the chimney sweep's text.
    assert _services(glogow, "kominek") == [HEATING, CHIMNEY_SWEEP]


def test_catalogue_search_keeps_the_filters(glogow, glogow_services):
    assert _services(glogow, "kominek", kategoria="srodowisko") == [HEATING, CHIMNEY_SWEEP]
    assert _services(glogow, "kominek", kategoria="nieruchomosci") == []
    assert _services(glogow, "dotacja", kategoria="nieruchomosci") == [INSULATION]
    assert _services(glogow, "termomodernisacja", kategoria="srodowisko") == []


def test_catalogue_search_finds_only_this_towns_services(glogow, zembrzyce, glogow_services):
    assert _services(glogow, "zrodla ciepla") == [HEATING]
    assert _services(zembrzyce, "zrodla ciepla") == []
    assert _services(zembrzyce, "kominek") == []
    assert _services(zembrzyce, "termomodernisacja") == []  # the similarity fallback too
    assert _services(glogow, "termomodernisacja") == [INSULATION]


def test_a_query_without_letters_or_too_short_for_similarity_finds_nothing(glogow):
    for query in ("!!!", "„”", "–", "xq"):
        assert _services(glogow, query) == [], query
        assert _site_results(glogow, query) == [], query


# The site search


def test_site_search_finds_pages_without_diacritics_and_with_typos(glogow, glogow_services):
    assert _site_results(glogow, "zrodla ciepla")[0] == HEATING
    assert _site_results(glogow, "termomodernisacja")[0] == INSULATION
    assert any(title.startswith("Zezwolenie na sprzedaż") for title in
               _site_results(glogow, "zezwolenie alkohol"))  # fmt: skip


def test_site_search_skips_drafts_and_counts_every_match(glogow, glogow_services):
    with schema_context("glogow"):
        home = Page.objects.get(depth=2, slug="home")
        draft = StandardPage(title="Kominek w ratuszu – wersja robocza", slug="kominek-szkic",
                             live=False)  # fmt: skip
        home.add_child(instance=draft)
    response = glogow.get("/szukaj/", {"q": "kominek"})
    titles = [page.title for page in response.context["results"]]
    assert titles == [HEATING, CHIMNEY_SWEEP]
    assert response.context["results"].paginator.count == 2


def test_site_search_finds_only_this_towns_pages(glogow, zembrzyce, glogow_services):
    assert HEATING in _site_results(glogow, "kominek")
    assert _site_results(zembrzyce, "kominek") == []
    assert _site_results(zembrzyce, "termomodernisacja") == []
    assert _site_results(zembrzyce, "Zembrzyce")
    assert _site_results(glogow, "Zembrzyce") == []


# The public registers


@pytest.fixture
def glogow_permit(towns: dict) -> None:
    """A Głogów permit: the holder's name has diacritics, a non-public field holds text
    that no public field does."""
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        RegisterEntry.objects.create(
            definition=permits,
            number="ZEZW/77/2026",
            values=permits.clean_values(
                {
                    "holder": "Sklep „Źródełko” Łucja Żak",
                    "outlet_address": "ul. Świętojańska 7",
                    "outlet_kind": "sklep",
                    "category": "A (do 4,5% i piwo)",
                    "nip": "9512345678",
                    "sales_last_year": "123456",
                }
            ),
            source="test",
            external_id="search-1",
        )


def _register(client, query: str) -> str:
    response = client.get(f"/rejestry/{ALCOHOL_PERMITS}/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_register_search_ignores_case_and_diacritics(glogow, glogow_permit):
    for query in ("zrodelko", "ŻRÓDEŁKO", "swietojanska 7", "zezw/77", "lucja zak"):
        assert "ZEZW/77/2026" in _register(glogow, query), query


def test_register_search_never_matches_a_non_public_field(glogow, glogow_permit):
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        non_public = {item["name"] for item in permits.fields if not item["public"]}
    assert {"nip", "sales_last_year"} <= non_public
    for query in ("9512345678", "123456", "51234"):
        assert "ZEZW/77/2026" not in _register(glogow, query), query


def test_register_search_finds_only_this_towns_entries(glogow, zembrzyce, glogow_permit):
    assert "ZEZW/77/2026" in _register(glogow, "zrodelko")
    assert "ZEZW/77/2026" not in _register(zembrzyce, "zrodelko")
    assert "ZEZW/77/2026" not in _register(zembrzyce, "ZEZW/77")


# The property search


def test_property_search_ignores_case_and_diacritics_in_every_field(glogow, zembrzyce):
    with schema_context("glogow"):
        Property.objects.create(
            parcel_number="4321/7", precinct="Żukowice", area_m2=800, offer="sale",
            address="ul. Źródlana 3", use="teren rekreacyjny",
            land_register_number="LE1G/00004321/5", external_id="search-p1",
        )  # fmt: skip
    for query in ("zrodlana 3", "ŹRÓDLANA", "4321/7", "REKREACYJ", "le1g/00004321"):
        html = glogow.get("/mienie/", {"q": query}).content.decode()
        assert ">4321/7</a>" in html, query
        assert ">4321/7</a>" not in zembrzyce.get("/mienie/", {"q": query}).content.decode()
