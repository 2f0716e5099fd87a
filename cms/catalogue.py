"""Finding the services of a town's catalogue: the catalogue page and the mobile API.

Every search of the catalogue runs the same few statements with new values, and building
and compiling them cost Django several times what PostgreSQL needs to answer (a search
for "podatek" among 16 services: 0.6 ms in PostgreSQL, 4.4 ms in all). So each is a
:class:`~eurzad.core.postgresql.compiled.CompiledQuery`, one per combination of filters:

- the services of the catalogue (live, its children, in the chosen category and life
  situation), by title; or with a text, those matching it in full text, best first
  (cms.search), in the same statement;
- with each service, the ids of its categories (an array subquery): the categories
  themselves are the town's, remembered until an editor changes one.

A result is a :class:`ListedService`: what the list shows, read as plain values (a page
model is heavy to build, and nine in ten of its columns are not shown). Its link is the
catalogue's own URL and its slug, as Wagtail makes the URL of a catalogue's child.

Only when full text finds nothing does the search for similar words (a typo) run, built
by the ORM as cms.search builds it, and then those services are read by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page

from cms.models.services import LifeSituation, ServiceCategory, ServicePage
from cms.search import page_ids, pages_matching, similar_documents
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


#: What a result reads of each service, in this order.
_LISTED_COLUMNS = ("pk", "title", "summary", "department", "slug", "category_ids")


@dataclass(frozen=True, slots=True)
class ListedService:
    """A service as a list of results shows it."""

    id: int
    title: str
    summary: str
    department: str
    url: str  # its page: the catalogue's URL and the service's slug
    categories: list[ServiceCategory]  # those it is in, by name

    @property
    def pk(self) -> int:
        return self.id


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
    """With each service the ids of its categories (``category_ids``)."""
    categories = ServicePage.categories.through.objects.filter(servicepage_id=OuterRef("pk"))
    return services.annotate(category_ids=ArraySubquery(categories.values("servicecategory_id")))


def _compiled(build: Any, filters: tuple[str, ...], **examples: Any) -> CompiledQuery:
    names = ("path", "depth", *filters)
    return CompiledQuery(build, **{name: _EXAMPLES[name] for name in names}, **examples)


_LISTED = {
    filters: _compiled(
        lambda **place: _services_of(**place).order_by("title").values_list(*_LISTED_COLUMNS),
        filters,
    )
    for filters in _VARIANTS
}
_RANKED = {
    filters: _compiled(
        lambda tsquery, content_types, **place: pages_matching(
            _services_of(**place), tsquery, content_types
        ).values_list(*_LISTED_COLUMNS),
        filters,
        tsquery="tsquery-example",
        content_types=[-7_102],
    )
    for filters in _VARIANTS
}
_BY_ID = CompiledQuery(
    lambda ids: _as_listed(ServicePage.objects.filter(AnyOf(F("pk"), ids))).values_list(
        *_LISTED_COLUMNS
    ),
    ids=[-7_103],
)


def find_services(
    catalogue: Page,
    *,
    catalogue_url: str,
    query: str = "",
    category: str = "",
    situation: str = "",
) -> list[ListedService]:
    """The catalogue's live services matching a text query and the chosen filters: by
    title without a query, best match first with one (cms.search). ``catalogue_url``: the
    catalogue's URL, relative or full, from which the services' links are made."""
    values: dict[str, Any] = {"path": catalogue.path, "depth": catalogue.depth + 1}
    if category:
        values["category"] = category
    if situation:
        values["situation"] = situation
    filters = tuple(name for name in _FILTERS if name in values)
    rows = _matching(query, filters, values) if query else _LISTED[filters].rows(**values)
    categories = service_categories()
    base = catalogue_url if catalogue_url.endswith("/") else f"{catalogue_url}/"
    return [
        ListedService(
            id=pk,
            title=title,
            summary=summary,
            department=department,
            url=f"{base}{slug}/",
            categories=[c for c in categories if c.pk in category_ids],
        )
        for pk, title, summary, department, slug, category_ids in rows
    ]


def _matching(query: str, filters: tuple[str, ...], values: dict[str, Any]) -> list[tuple]:
    """The rows of the services matching ``query``, best first: in full text, or else by
    a similar word."""
    if not (tsquery := prefix_query(query)):
        return []
    content_types = get_descendants_content_types_pks(ServicePage)
    if found := _RANKED[filters].rows(tsquery=tsquery, content_types=content_types, **values):
        return found
    if not (similar := page_ids(similar_documents(_services_of(**values), query))):
        return []
    by_id = {row[0]: row for row in _BY_ID.rows(ids=similar)}
    return [by_id[pk] for pk in similar if pk in by_id]
