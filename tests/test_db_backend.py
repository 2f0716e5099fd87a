"""The database backend lists a schema's tables as django-tenants does, without asking
pg_table_is_visible() of every relation of every town."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.postgresql_backend.introspection import DatabaseSchemaIntrospection
from django_tenants.utils import schema_context

from eurzad.core.postgresql.introspection import ManySchemaIntrospection


def test_the_platform_uses_the_fast_introspection(towns):
    assert isinstance(connection.introspection, ManySchemaIntrospection)


@pytest.mark.parametrize("schema", ["public", "zembrzyce", "glogow"])
def test_table_list_is_the_same_as_django_tenants(towns, schema):
    stock = DatabaseSchemaIntrospection(connection)
    with schema_context(schema), connection.cursor() as cursor:
        ours = sorted(connection.introspection.get_table_list(cursor))
        theirs = sorted(stock.get_table_list(cursor))
    assert ours == theirs
    names = {table.name for table in ours}
    if schema == "public":
        assert "tenants_municipality" in names and "cases_case" not in names
    else:
        assert "cases_case" in names and "tenants_municipality" not in names


def test_table_list_reads_one_schema_only(towns):
    with schema_context("glogow"), CaptureQueriesContext(connection) as queries:
        assert "django_migrations" in connection.introspection.table_names()
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "pg_table_is_visible" not in sql and "pg_depend" in sql
