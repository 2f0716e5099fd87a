"""Lookups whose parameter is the value itself, so that a compiled query
(:mod:`eurzad.core.postgresql.compiled`) can place it: a list of ids as one array
rather than one parameter per id, a prefix as the text rather than a LIKE pattern.

Both are expressions to pass to ``filter()``: ``filter(AnyOf(F("pk"), ids))``."""

from __future__ import annotations

from typing import Any

from django.db.models import Lookup


class AnyOf(Lookup):
    """``expression = ANY(%s)``: the value is one of a list, sent as one array."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


class StartsWith(Lookup):
    """``starts_with(expression, %s)``: the text begins with the value, taken as it is
    (no wildcards to escape). With the C collation of a tree's ``path``, a B-tree index
    on the column serves it."""

    lookup_name = "starts_with_text"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"starts_with({lhs}, %s)", (*lhs_params, str(self.rhs))
