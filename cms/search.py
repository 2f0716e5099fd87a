"""Searching the town's pages (the site search, the service catalogue) on PostgreSQL.

A query is matched in full text first (:func:`eurzad.core.postgresql.search.prefix_query`:
every word, as typed or by its beginning, diacritics ignored) over the GIN-indexed
``document`` of Wagtail's index rows (cms.models.search), best first: title matches
outrank body matches. Only when that finds nothing do the pages whose title or text holds
a word *similar* to the query come back (trigram word similarity over the folded texts,
served by trigram indexes), so "podateg" still finds "podatek".

The pages to search are any queryset of pages (live, public, one locale, one catalogue,
one category…): the index rows are narrowed to them by primary key, which the pages'
own index serves. Each town's pages and index rows are in its own schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import overload

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchRank
from django.db.models import CharField, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms.models.search import SearchDocument
from eurzad.core.postgresql.lookups import AnyOf
from eurzad.core.postgresql.search import (
    TRIGRAM_MIN,
    Folded,
    WordSimilarity,
    parsed_query,
    prefix_query,
)


def matching_documents(pages: PageQuerySet, text: str) -> QuerySet[SearchDocument]:
    """Index rows of ``pages`` matching ``text`` in full text, best first (``page_id``)."""
    if not (tsquery := prefix_query(text)):
        return _documents_of(pages).none()
    return documents_matching(pages, tsquery)


def documents_matching(
    pages: QuerySet[Page], tsquery: str, content_types: list[int] | None = None
) -> QuerySet[SearchDocument]:
    """Index rows of ``pages`` matching a ``to_tsquery`` text (:func:`prefix_query`), best
    first (``page_id``). ``content_types``: the ids of the pages' models, when the caller
    sends them as a parameter (a compiled query) rather than in the SQL."""
    query = parsed_query(tsquery)
    return (
        _documents_of(pages, content_types)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query))
        .order_by("-rank", "id")
    )


def pages_matching(pages: QuerySet[Page], tsquery: str, content_types: list[int]) -> QuerySet[Page]:
    """``pages`` whose index row matches a ``to_tsquery`` text, best first, each with its
    ``rank``: one statement where :func:`documents_matching` and then the pages by id
    would be two. The matching rows are found through the GIN index as there; each
    match's rank is read from its own row (found by the index of model and id)."""
    query = parsed_query(tsquery)
    matching = SearchDocument.objects.filter(
        AnyOf(F("content_type_id"), content_types), document=query
    )
    own_row = matching.filter(object_id=Cast(OuterRef("pk"), CharField()))
    rank = own_row.annotate(rank=SearchRank(F("document"), query)).values("rank")[:1]
    return (
        pages.filter(pk__in=matching.values(page_id=Cast("object_id", IntegerField())))
        .annotate(rank=Subquery(rank))
        .order_by("-rank", "pk")
    )


def similar_documents(pages: PageQuerySet, text: str) -> QuerySet[SearchDocument]:
    """Index rows of ``pages`` with a word like ``text`` in the title or the text (a
    typo, a missing letter), the most similar titles first; none for fewer than three
    letters. ``<%`` (word similarity above pg_trgm's threshold, 0.6) is what the trigram
    indexes serve."""
    text = text.strip()
    if len(text) < TRIGRAM_MIN or not prefix_query(text):  # no trigram to look up
        return _documents_of(pages).none()
    folded_query = Folded(Value(text))
    title, body = Folded("title_text"), Folded("body_text")
    # Ranked by the title only: the body's similarity costs as much again to compute.
    similarity = WordSimilarity(folded_query, title)
    return (
        _documents_of(pages)
        .filter(TrigramWordSimilar(title, folded_query) | TrigramWordSimilar(body, folded_query))
        .annotate(rank=similarity)
        .order_by("-rank", "id")
    )


def _documents_of(
    pages: QuerySet[Page], content_types: list[int] | None = None
) -> QuerySet[SearchDocument]:
    """Index rows of the pages' models whose page is one of ``pages``, with ``page_id``."""
    if content_types is None:
        content_types = get_descendants_content_types_pks(pages.model)
    return (
        SearchDocument.objects.filter(AnyOf(F("content_type_id"), content_types))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .filter(page_id__in=pages.order_by().values("pk"))
    )


class PageSearch:
    """``pages`` matching ``text``, best first: full-text matches, or when there are
    none the similar pages. Counts and slices like a queryset (a ``Paginator`` takes it):
    a count (a second one when full text found nothing), then per slice one query for
    the ranked ids and one for those pages (``specific``)."""

    def __init__(self, pages: PageQuerySet, text: str) -> None:
        self.pages = pages
        self.text = text

    @cached_property
    def _counted(self) -> tuple[QuerySet[SearchDocument], int]:
        # Counted rather than asked whether any exists: a LIMIT 1 makes the planner read
        # the table row by row in the hope of an early match.
        matching = matching_documents(self.pages, self.text)
        if count := matching.count():
            return matching, count
        similar = similar_documents(self.pages, self.text)
        return similar, similar.count()

    def count(self) -> int:
        return self._counted[1]

    def __len__(self) -> int:
        return self._counted[1]

    def __iter__(self) -> Iterator[Page]:
        return iter(self[0 : len(self)])

    def ranked_ids(self) -> list[int]:
        """Every match's page id, best first (no count needed)."""
        ids = page_ids(matching_documents(self.pages, self.text))
        return ids or page_ids(similar_documents(self.pages, self.text))

    @overload
    def __getitem__(self, index: int) -> Page: ...
    @overload
    def __getitem__(self, index: slice) -> list[Page]: ...
    def __getitem__(self, index: int | slice) -> Page | list[Page]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = page_ids(self._counted[0][index])
        return in_order(self.pages.filter(pk__in=ids).specific(), ids)


def page_ids(documents: QuerySet[SearchDocument]) -> list[int]:
    """The page ids of index rows, in their order."""
    return list(documents.values_list(F("page_id"), flat=True))


def in_order(pages: PageQuerySet, ids: list[int]) -> list[Page]:
    """The pages of ``pages`` whose ids are in ``ids``, in that order."""
    found = {page.pk: page for page in pages}
    return [found[pk] for pk in ids if pk in found]
