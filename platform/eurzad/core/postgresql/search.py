"""Text search on PostgreSQL: the database objects the searches use and the expressions
that reach them.

The objects live in the public schema, once per database, so every town's schema sees
them (a town's ``search_path`` is "<town>, public"); the core app's migration
``0001_text_search`` creates them:

- the ``unaccent`` and ``pg_trgm`` extensions;
- ``public.eurzad_fold(text)``: lower case, no diacritics ("Źródło" → "zrodlo").
  ``unaccent()`` itself is only STABLE (it reads a dictionary found through the search
  path), so an index cannot use it; the wrapper names its dictionary and is IMMUTABLE;
- ``public.eurzad_jsonb_text(jsonb)``: the string values of a JSON object, joined;
- ``public.eurzad_pl``: the full-text configuration. PostgreSQL ships no Polish stemmer,
  so it is ``simple`` (lower case, no stop words) after ``unaccent``; inflected forms are
  matched by the query instead (:func:`prefix_query`).

Every expression here names its schema, so what the code asks for is exactly what the
indexes were built on.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import Expression, F, FloatField, Func, Lookup, TextField, Value
from django.db.models.functions import Concat

CONFIG = "public.eurzad_pl"
# A trigram index cannot narrow a pattern shorter than this.
TRIGRAM_MIN = 3

_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 12
# A word is matched by its beginning: all but the last ENDING letters (Polish inflects by
# endings: podatek, podatku, podatkiem), never fewer than STEM_MIN letters.
STEM_MIN = 4
ENDING = 2
# Shorter words match only as typed: as beginnings they would match most of the index.
SHORT_WORD = 2


class Folded(Func):
    """``public.eurzad_fold(expression)``: lower case, without diacritics."""

    function = "public.eurzad_fold"
    output_field = TextField()

    def __init__(self, expression: Expression | str, **extra: Any) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression, **extra)


class JsonbText(Func):
    """``public.eurzad_jsonb_text(expression)``: a JSON object's values as one text."""

    function = "public.eurzad_jsonb_text"
    output_field = TextField()

    def __init__(self, expression: Expression | str, **extra: Any) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression, **extra)


class WordSimilarity(Func):
    """``word_similarity(text, expression)`` (pg_trgm): how well ``text`` matches the
    most similar run of words in ``expression``, from 0 to 1."""

    function = "word_similarity"
    output_field = FloatField()


def joined(*parts: Expression | str) -> Concat:
    """The parts as one text, a space between each (NULLs as empty texts)."""
    spaced: list[Expression | str] = []
    for part in parts:
        if spaced:
            spaced.append(Value(" "))
        spaced.append(part)
    return Concat(*spaced, output_field=TextField())


class FoldedContains(Lookup):
    """``expression`` contains ``text``, ignoring case and diacritics (a LIKE that a
    trigram index on ``Folded(expression)`` serves)."""

    lookup_name = "folded_contains"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = compiler.compile(Folded(self.lhs))
        pattern = f"%{connection.ops.prep_for_like_query(self.rhs)}%"
        return f"{lhs} LIKE public.eurzad_fold(%s)", (*lhs_params, pattern)


def prefix_query(text: str) -> str:
    """A ``to_tsquery`` text for what a person typed: every word must match, as typed or
    by its beginning (``podatek`` → ``podatek | podat:*``; words of one or two letters,
    like "od" or "w", only as typed). Only letters and digits get through, so the result
    is always valid tsquery syntax; "" when there is no word."""
    terms = []
    for word in _WORD.findall(text)[:MAX_TERMS]:
        if len(word) <= SHORT_WORD:
            terms.append(word)
        elif word.isdigit() or len(word) <= STEM_MIN:
            terms.append(f"{word}:*")
        else:
            stem = word[: max(STEM_MIN, len(word) - ENDING)]
            terms.append(f"({word} | {stem}:*)")
    return " & ".join(terms)


def parsed_query(tsquery: str) -> SearchQuery:
    """A ``to_tsquery`` text (as :func:`prefix_query` makes it) parsed in the platform's
    configuration."""
    return SearchQuery(tsquery, search_type="raw", config=CONFIG)
