"""The catalogue's compiled queries (cms.catalogue) find what the ORM finds.

For every combination of text (none, a word, a typo, nothing matching) and filters
(category, life situation), in both towns and both languages' catalogues, the services,
their order and what a result shows of them (their links and categories too) equal
those of the same search written with the ORM as it was before the queries were
compiled: Wagtail's ``live().child_of()``, the filters as relations, cms.search's
ranking and ``prefetch_related``."""

from __future__ import annotations

import itertools

import pytest
from django_tenants.utils import schema_context

from cms.catalogue import ListedService, find_services
from cms.models import LifeSituation, ServiceCatalogueIndexPage, ServiceCategory, ServicePage
from cms.search import PageSearch, in_order

pytestmark = pytest.mark.django_db

TEXTS = ["", "podatek", "podateg", "odpady", "zzzz nic"]


def _orm_services(
    catalogue: ServiceCatalogueIndexPage, query: str, category: str, situation: str
) -> list[ServicePage]:
    services = ServicePage.objects.live().child_of(catalogue)
    if category:
        services = services.filter(categories__slug=category)
    if situation:
        services = services.filter(life_situations__slug=situation)
    services = services.prefetch_related("categories")
    if not query:
        return list(services.order_by("title"))
    ranked = PageSearch(services, query).ranked_ids()
    return in_order(services.filter(pk__in=ranked), ranked)


def _find(catalogue: ServiceCatalogueIndexPage, **filters: str) -> list[ListedService]:
    return find_services(catalogue, catalogue_url=catalogue.get_url(), **filters)


def _shown(services: list[ListedService]) -> list[tuple[int, str, str, str, str, list[str]]]:
    return [
        (s.pk, s.title, s.summary, s.department, s.url, [c.name for c in s.categories])
        for s in services
    ]


def _as_listed(services: list[ServicePage]) -> list[ListedService]:
    """The pages as a result would show them, read from the pages themselves."""
    return [
        ListedService(
            id=page.pk,
            title=page.title,
            summary=page.summary,
            department=page.department,
            url=page.get_url(),
            categories=list(page.categories.all()),
        )
        for page in services
    ]


@pytest.mark.parametrize("schema", ["zembrzyce", "glogow"])
def test_the_compiled_catalogue_finds_what_the_orm_finds(towns, schema):
    with schema_context(schema):
        categories = ["", *ServiceCategory.objects.values_list("slug", flat=True)[:3]]
        situations = ["", *LifeSituation.objects.values_list("slug", flat=True)[:2]]
        catalogues = list(ServiceCatalogueIndexPage.objects.all())
        assert catalogues
        found_any = False
        for catalogue, text, category, situation in itertools.product(
            catalogues, TEXTS, categories, situations
        ):
            expected = _orm_services(catalogue, text, category, situation)
            found = find_services(
                catalogue,
                catalogue_url=catalogue.get_url(),
                query=text,
                category=category,
                situation=situation,
            )
            assert _shown(found) == _shown(_as_listed(expected)), (
                catalogue.url_path,
                text,
                category,
                situation,
            )
            found_any = found_any or bool(found)
        assert found_any


def test_a_catalogue_never_finds_another_towns_services(towns):
    """The SQL is compiled once per process and names no schema: each town's search runs
    in its own schema and finds only its own pages."""
    with schema_context("glogow"):
        catalogue = ServiceCatalogueIndexPage.objects.filter(locale__language_code="pl").get()
        service = ServicePage(title="Karta parkingowa Głogowa", summary="Wydanie karty.",
                              purpose="<p>Karta.</p>", slug="karta-parkingowa")  # fmt: skip
        catalogue.add_child(instance=service)
        service.save_revision().publish()
        assert [s.title for s in _find(catalogue, query="parkingowa")] == [service.title]
        assert service.title in {s.title for s in _find(catalogue)}
    with schema_context("zembrzyce"):
        catalogue = ServiceCatalogueIndexPage.objects.filter(locale__language_code="pl").get()
        assert _find(catalogue, query="parkingowa") == []
        assert _find(catalogue, query="parkingowej") == []  # nor a similar word
        assert service.title not in {s.title for s in _find(catalogue)}


def test_an_unpublished_service_drops_out_of_the_results(towns):
    with schema_context("zembrzyce"):
        catalogue = ServiceCatalogueIndexPage.objects.filter(locale__language_code="pl").get()
        found = _find(catalogue, query="podatek")
        assert found
        ServicePage.objects.get(pk=found[0].pk).unpublish()
        again = _find(catalogue, query="podatek")
        assert found[0].pk not in {s.pk for s in again}
        assert found[0].pk not in {s.pk for s in _find(catalogue)}
