"""Finding the services of a town's catalogue: the catalogue page and the mobile API.

Every search of the catalogue runs the same few statements with new values, and building
and compiling them cost Django several times what PostgreSQL needs to answer (a search
for "podatek" among 16 services: 0.6 ms in PostgreSQL, 4.4 ms in all). So each is a
:class:`~eurzad.core.postgresql.compiled.CompiledQuery`, one per combination of filters:

- the services of the catalogue (live, its children, in the chosen category and life
  situation), by title; or with a text, the ids of those matching it in full text, best
  first (cms.search), then those services by id;
- with each service, the ids of its categories (an array subquery): the categories
  themselves are the town's, remembered until an editor changes one.

Only when full text finds nothing does the search for similar words (a typo) run, built
by the ORM as cms.search builds it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page

from cms.models.services import SERVICE_TEXTS, LifeSituation, ServiceCategory, ServicePage
from cms.search import documents_matching, in_order, page_ids, similar_documents
from eurzad.core.postgresql.compiled import CompiledQuery
from eurzad.core.postgresql.lookups import AnyOf, StartsWith
from eurzad.core.postgresql.search import prefix_query
from eurzad.core.town_memo import town_memo

#: Each parameter's example for compiling: a value found nowhere else in the queries.
_EXAMPLES: dict[str, Any] = {
    "path": "catalogue-path-example",
    "depth": 7_101,  # (a tree 7,101 levels deep: no page is; in range, as Django checks)
    "category": "category-slug-example",
    "situation": "situation-slug-example",
}
_FILTERS = ("category", "situation")
#: Each combination of filters has its own compiled queries.
_VARIANTS: tuple[tuple[str, ...], ...] = ((), ("category",), ("situation",), _FILTERS)


def service_categories() -> list[ServiceCategory]:
    """The town's categories of services, by name (remembered until one changes)."""
    return town_memo.remember("service-categories", lambda: list(ServiceCategory.objects.all()))


def life_situations() -> list[LifeSituation]:
    """The town's life situations, by name (remembered until one changes)."""
    return town_memo.remember("life-situations", lambda: list(LifeSituation.objects.all()))


def _services_of(
    *, path: str, depth: int, category: str | None = None, situation: str | None = None
) -> QuerySet[ServicePage]:
    """The live services under the catalogue at ``path`` (its children: ``depth``), in
    the category and life situation given (any, when None), as a result shows them."""
    services = ServicePage.objects.filter(StartsWith(F("path"), path), live=True, depth=depth)
    if category is not None:
        services = services.filter(categories__slug=category)
    if situation is not None:
        services = services.filter(life_situations__slug=situation)
    return _as_listed(services)


def _as_listed(services: QuerySet[ServicePage]) -> QuerySet[ServicePage]:
    """What a result shows of each service: its title, summary, department and the ids
    of its categories (``category_ids``); its texts are read only on its own page."""
    categories = ServicePage.categories.through.objects.filter(servicepage_id=OuterRef("pk"))
    return services.defer(*SERVICE_TEXTS).annotate(
        category_ids=ArraySubquery(categories.values("servicecategory_id"))
    )


def _compiled(build: Any, filters: tuple[str, ...], **examples: Any) -> CompiledQuery:
    names = ("path", "depth", *filters)
    return CompiledQuery(build, **{name: _EXAMPLES[name] for name in names}, **examples)


_LISTED = {
    filters: _compiled(lambda **place: _services_of(**place).order_by("title"), filters)
    for filters in _VARIANTS
}
_RANKED = {
    filters: _compiled(
        lambda tsquery, content_types, **place: documents_matching(
            _services_of(**place), tsquery, content_types
        ).values_list(F("page_id"), flat=True),
        filters,
        tsquery="tsquery-example",
        content_types=[-7_102],
    )
    for filters in _VARIANTS
}
_BY_ID = CompiledQuery(
    lambda ids: _as_listed(ServicePage.objects.filter(AnyOf(F("pk"), ids))), ids=[-7_103]
)


def find_services(
    catalogue: Page, *, query: str = "", category: str = "", situation: str = ""
) -> list[ServicePage]:
    """The catalogue's live services matching a text query and the chosen filters: by
    title without a query, best match first with one (cms.search). Each has
    ``listed_categories``: the categories it is in, by name."""
    values: dict[str, Any] = {"path": catalogue.path, "depth": catalogue.depth + 1}
    if category:
        values["category"] = category
    if situation:
        values["situation"] = situation
    filters = tuple(name for name in _FILTERS if name in values)
    if not query:
        services = _LISTED[filters].instances(**values)
    else:
        ranked = _ranked_ids(query, filters, values)
        services = in_order(_BY_ID.instances(ids=ranked), ranked) if ranked else []
    _list_categories(services)
    return services


def _ranked_ids(query: str, filters: tuple[str, ...], values: dict[str, Any]) -> list[int]:
    """The ids of the services matching ``query``, best first: in full text, or else by a
    similar word."""
    if not (tsquery := prefix_query(query)):
        return []
    content_types = get_descendants_content_types_pks(ServicePage)
    ranked = [
        page_id
        for (page_id,) in _RANKED[filters].rows(
            tsquery=tsquery, content_types=content_types, **values
        )
    ]
    if ranked:
        return ranked
    return page_ids(similar_documents(_services_of(**values), query))


def _list_categories(services: list[ServicePage]) -> None:
    categories = service_categories()
    for service in services:
        ids = set(service.category_ids)
        service.listed_categories = [c for c in categories if c.pk in ids]
