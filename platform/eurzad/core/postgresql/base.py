"""django-tenants' database wrapper with :class:`ManySchemaIntrospection` and a
``search_path`` that is set once and trusted only while PostgreSQL still has it.

With ``TENANT_LIMIT_SET_CALLS`` django-tenants issues ``SET search_path`` only when the
schema changed and remembers that it did (``search_path_set_schemas``). A ``SET`` made
inside a transaction is part of that transaction, though: PostgreSQL undoes it when the
transaction (or the savepoint it was made after) is rolled back, and a ``COMMIT`` of a
transaction in which a statement failed is a rollback too (psycopg reports no error). A
remembered path the database has since undone would let the next query read or write the
schema the connection held before: another town's.

django-tenants already forgets the path on ``rollback()``, ``savepoint_rollback()`` and
``close()``. This wrapper adds the rest, so the remembered path is always the session's:

* it notes whether each ``SET`` ran inside a transaction (the driver's transaction
  status right after it: idle means autocommit, so PostgreSQL has already committed it);
* such a ``SET`` is forgotten when its transaction ends in any way (``commit()`` as
  well as ``rollback()``), and also if the driver shows the transaction over without
  either having been called (a commit or rollback on the raw driver connection);
* a new connection (also one handed out again by a connection pool) starts with no
  remembered path.

A ``SET`` made outside any transaction is committed at once; a later rollback undoes only
what its own transaction did, so such a path stays valid until the schema is switched
(``set_tenant``/``set_schema``, which always forget it) or the connection closes.
Anything that changes ``search_path`` must go through those calls, never a raw ``SET``.
"""

from __future__ import annotations

from typing import Any

from django.utils.asyncio import async_unsafe
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper
from psycopg.pq import TransactionStatus

from eurzad.core.postgresql.introspection import ManySchemaIntrospection


class DatabaseWrapper(TenantDatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before super().__init__(): it selects the public schema, which forgets the path.
        self.search_path_in_transaction = False
        super().__init__(*args, **kwargs)
        self.introspection = ManySchemaIntrospection(self)

    def forget_search_path(self) -> None:
        """Make the next cursor issue ``SET search_path`` again."""
        self.search_path_set_schemas = None
        self.search_path_in_transaction = False

    def in_database_transaction(self) -> bool:
        """Whether the driver connection is inside a transaction now (asks no server)."""
        return (
            self.connection is not None
            and self.connection.info.transaction_status != TransactionStatus.IDLE
        )

    def _handle_search_path(self, cursor: Any = None) -> None:
        if self.search_path_in_transaction and not self.in_database_transaction():
            # The transaction the SET ran in ended behind Django's back (raw driver).
            self.forget_search_path()
        remembered = self.search_path_set_schemas
        super()._handle_search_path(cursor)
        # Each successful SET stores a new list; a failed one stores None.
        if (
            self.search_path_set_schemas is not None
            and self.search_path_set_schemas is not remembered
        ):
            self.search_path_in_transaction = self.in_database_transaction()

    @async_unsafe
    def commit(self) -> None:
        try:
            super().commit()
        finally:
            # A COMMIT of a transaction in which a statement failed rolls it back, and
            # a failed COMMIT ends it too: a SET made inside it may be gone either way.
            if self.search_path_in_transaction:
                self.forget_search_path()

    @async_unsafe
    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.forget_search_path()

    @async_unsafe
    def savepoint_rollback(self, sid: str) -> None:
        try:
            super().savepoint_rollback(sid)
        finally:
            self.forget_search_path()

    def connect(self) -> None:
        # A new session starts with the server's default path; a pooled one with
        # whatever its previous user left.
        self.forget_search_path()
        super().connect()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.forget_search_path()
