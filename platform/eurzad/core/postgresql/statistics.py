"""A migration operation: statistics on expressions (PostgreSQL's CREATE STATISTICS).

ANALYZE keeps no statistics on the expressions of a GIN index, so without these the
planner guesses how many rows ``eurzad_fold(address) LIKE '%…%'`` keeps and, for a
search that also orders and pages, may walk another index row by row instead of using
the trigram index. Statistics on the same expressions give it the real numbers.
"""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation
from django.db.models import Expression
from django.db.models.sql import Query


class CreateExpressionStatistics(Operation):
    """``CREATE STATISTICS <name> ON (<expression>), … FROM <the model's table>``; the
    expressions are compiled the way Django compiles an index's, so they are the very
    expressions the queries and the indexes use."""

    reversible = True

    def __init__(self, model_name: str, name: str, expressions: list[Expression]) -> None:
        self.model_name = model_name
        self.name = name
        self.expressions = expressions

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"model_name": self.model_name, "name": self.name}
        return self.__class__.__qualname__, [], {**kwargs, "expressions": self.expressions}

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Statistics are no part of Django's model state."""

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        query = Query(model, alias_cols=False)
        compiler = query.get_compiler(connection=schema_editor.connection)
        compiled = []
        for expression in self.expressions:
            sql, params = compiler.compile(expression.resolve_expression(query))
            compiled.append(f"({sql % tuple(map(schema_editor.quote_value, params))})")
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(
            f"CREATE STATISTICS {schema_editor.quote_name(self.name)} "
            f"ON {', '.join(compiled)} FROM {table}"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            name = schema_editor.quote_name(self.name)
            schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")

    def describe(self) -> str:
        return f"Create statistics {self.name} on expressions of {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_{self.name.lower()}"
