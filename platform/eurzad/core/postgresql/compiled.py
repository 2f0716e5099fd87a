"""Queries built once per process: the SQL of a queryset is kept and run again with new
parameter values.

Every page of a logged-in resident runs the same few statements (the session's user,
the unread count, the menu's statuses). For each, building and compiling the queryset
costs Django several times what PostgreSQL needs to answer it: the session's user is
0.3 ms to build, 0.35 ms to compile and 0.13 ms to run. A :class:`CompiledQuery` is
built from a function of the query's parameters, called once with a distinctive example
value for each; the example's places among the compiled parameters are where the real
values go on each later call.

The SQL names no schema: like the ORM's, it runs in the current town's ``search_path``.
Only plain equality parameters can be placed this way (not one that the ORM rewrites,
like the pattern of a ``contains``); compiling refuses a parameter whose example it
cannot find."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Instances:
    """How a row becomes a model instance (worked out once, as Django does per queryset)."""

    model: type[Model]
    columns: slice  # the model's own columns in the row
    names: list[str]  # their attribute names
    related: list[Any]  # Django's populators of what is selected related
    annotations: dict[str, int]  # annotation name -> its position in the row


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, tuple[int, ...]]  # parameter name -> its positions in ``params``
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]
    instances: _Instances | None  # None for a values() query


class CompiledQuery:
    """A read-only query whose SQL Django builds once, on first use.

    ``build`` returns the queryset for the keyword arguments given; ``examples`` gives
    each argument a value of its type that appears nowhere else in the query (e.g. an id
    of ``-7_001``), by which compiling finds the argument's places."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], **examples: Any) -> None:
        self._build = build
        self._examples = examples
        self._compiled: _Compiled | None = None
        self._lock = threading.Lock()

    def _compile(self) -> _Compiled:
        with self._lock:
            if self._compiled is None:
                self._compiled = self._compile_now()
        return self._compiled

    def _compile_now(self) -> _Compiled:
        query = self._build(**self._examples).query
        compiler = query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        slots = {}
        for name, example in self._examples.items():
            places = tuple(
                i
                for i, value in enumerate(params)
                # The backend may wrap a value in a subclass (an int as psycopg's Int4).
                if isinstance(value, type(example)) and value == example
            )
            if not places:
                raise ImproperlyConfigured(
                    f"{name}={example!r} is not among the compiled query's parameters"
                )
            slots[name] = places
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        )
        return _Compiled(sql, tuple(params), slots, converters, self._instances_of(compiler))

    @staticmethod
    def _instances_of(compiler: Any) -> _Instances | None:
        info = compiler.klass_info
        if info is None:
            return None
        select = compiler.select
        columns = slice(info["select_fields"][0], info["select_fields"][-1] + 1)
        return _Instances(
            model=info["model"],
            columns=columns,
            names=[column[0].target.attname for column in select[columns]],
            related=get_related_populators(info, select, DEFAULT_DB_ALIAS),  # type: ignore[call-arg]
            annotations=dict(compiler.annotation_col_map or {}),
        )

    def _fetch(self, compiled: _Compiled, values: dict[str, Any], window: str = "") -> list[tuple]:
        """The query's rows (``window``: a LIMIT and OFFSET after it), converted."""
        rows = self._execute(compiled, compiled.sql + window, values)
        if not compiled.converters:
            return rows
        connection = connections[DEFAULT_DB_ALIAS]
        return list(self._converted(rows, compiled, connection))

    @staticmethod
    def _execute(compiled: _Compiled, sql: str, values: dict[str, Any]) -> list[tuple]:
        if values.keys() != compiled.slots.keys():
            raise TypeError(f"expected {sorted(compiled.slots)}, got {sorted(values)}")
        params = list(compiled.params)
        for name, places in compiled.slots.items():
            value = values[name]
            for place in places:
                wrapped = type(params[place])  # as the backend sent the example
                if value is not None and type(value) is not wrapped:
                    value = wrapped(value)
                params[place] = value
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def _converted(rows: list[tuple], compiled: _Compiled, connection: Any) -> Iterator[tuple]:
        for row in rows:
            values = list(row)
            for position, functions, expression in compiled.converters:
                for convert in functions:
                    values[position] = convert(values[position], expression, connection)
            yield tuple(values)

    def rows(self, **values: Any) -> list[tuple]:
        """The query's rows for these parameter values, as the database returned them
        (after the fields' own conversions, as ``values_list`` would give)."""
        return self._fetch(self._compile(), values)

    def count(self, **values: Any) -> int:
        """How many rows the query has, counted by PostgreSQL."""
        compiled = self._compile()
        counted = f"SELECT COUNT(*) FROM ({compiled.sql}) AS counted"  # noqa: S608 (our SQL)
        [(number,)] = self._execute(compiled, counted, values)
        return int(number)

    def instances(self, **values: Any) -> list[Any]:
        """The query's model instances, with what it selects related and annotates, as
        iterating the queryset would give them."""
        return self._instances(self._compile(), "", values)

    def _instances(self, compiled: _Compiled, window: str, values: dict[str, Any]) -> list[Any]:
        shape = compiled.instances
        if shape is None:
            raise TypeError("a values() query has rows, not instances")
        found = []
        for row in self._fetch(compiled, values, window):
            instance = shape.model.from_db(DEFAULT_DB_ALIAS, shape.names, row[shape.columns])
            for populator in shape.related:
                populator.populate(row, instance)
            for name, position in shape.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found

    def bound(self, **values: Any) -> BoundQuery:
        """The query's instances for these values as a list that Django's ``Paginator``
        can page: counted and sliced by PostgreSQL."""
        return BoundQuery(self, values)


class BoundQuery:
    """A compiled query with its values: ``count()`` and slices of its instances."""

    ordered = True  # the query orders its rows (Paginator warns of an unordered list)

    def __init__(self, query: CompiledQuery, values: dict[str, Any]) -> None:
        self._query = query
        self._values = values

    def count(self) -> int:
        return self._query.count(**self._values)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Any]:
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("only a slice without a step")
        start = max(window.start or 0, 0)
        limit = "ALL" if window.stop is None else str(max(int(window.stop) - start, 0))
        sql = f" LIMIT {limit} OFFSET {int(start)}"
        query = self._query
        return query._instances(query._compile(), sql, self._values)
