"""Listing a schema's tables without scanning every schema's.

django-tenants lists the tables of the current schema by setting the search path to it
and keeping the relations for which ``pg_table_is_visible()`` is true: a function call
for every row of ``pg_class``, i.e. for every table, index and sequence of every town.
With 2,477 towns that is 1.8 million rows and about a second per call, and ``migrate``
asks four times per town (``MigrationRecorder.has_table``), so a deploy spent most of its
time here.

Every relation depends on its schema in ``pg_depend`` (that is how ``DROP SCHEMA …
CASCADE`` finds them), and ``pg_depend`` is indexed by the referenced object: the schema's
relations come from an index lookup, in milliseconds whatever the number of towns. The
public schema may be a pinned object without such rows (PostgreSQL before 15), so it is
listed by comparing namespaces, as a sequential scan (once per deploy, not per town).
"""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql.introspection import TableInfo
from django_tenants.postgresql_backend.introspection import DatabaseSchemaIntrospection
from django_tenants.utils import get_public_schema_name

_COLUMNS = """
    SELECT c.relname,
           CASE WHEN c.relispartition THEN 'p'
                WHEN c.relkind IN ('m', 'v') THEN 'v'
                ELSE 't' END,
           obj_description(c.oid, 'pg_class')
"""
_SCHEMA_OID = "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = %s)"

TABLES_BY_DEPENDENCY = f"""{_COLUMNS}
      FROM pg_catalog.pg_depend AS d
      JOIN pg_catalog.pg_class AS c ON c.oid = d.objid
     WHERE d.refclassid = 'pg_catalog.pg_namespace'::regclass
       AND d.refobjid = {_SCHEMA_OID}
       AND d.refobjsubid = 0
       AND d.classid = 'pg_catalog.pg_class'::regclass
       AND c.relnamespace = d.refobjid
       AND c.relkind IN ('f', 'm', 'p', 'r', 'v')
"""
TABLES_BY_NAMESPACE = f"""{_COLUMNS}
      FROM pg_catalog.pg_class AS c
     WHERE c.relnamespace = {_SCHEMA_OID}
       AND c.relkind IN ('f', 'm', 'p', 'r', 'v')
"""


class ManySchemaIntrospection(DatabaseSchemaIntrospection):
    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        """Tables and views of the connection's current schema (what django-tenants'
        own method answers, which sets the search path to that schema alone)."""
        schema = self.connection.schema_name
        query = TABLES_BY_NAMESPACE if schema == get_public_schema_name() else TABLES_BY_DEPENDENCY
        cursor.execute(query, [schema])
        return [TableInfo(*row) for row in cursor.fetchall() if row[0] not in self.ignored_tables]
