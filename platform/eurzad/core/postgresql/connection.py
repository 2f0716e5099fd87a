"""The default database connection, typed as this project's backend makes it.

``django.db.connection`` is typed as Django's base wrapper, which knows no schema. Our
backend (:mod:`eurzad.core.postgresql.base`, on django-tenants') adds the current schema
and town and the calls that switch them. Import ``connection`` from here to use those;
at run time it *is* ``django.db.connection``."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["connection"]

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLWrapper

    from tenants.models import Municipality

    class TenantConnection(PostgreSQLWrapper):
        """What django-tenants' wrapper adds to Django's PostgreSQL one."""

        schema_name: str
        #: The town whose schema is current (the platform's own in the public schema).
        tenant: Municipality

        def set_tenant(self, tenant: Municipality, include_public: bool = True) -> None: ...
        def set_schema(
            self, schema_name: str, include_public: bool = True, tenant_type: str | None = None
        ) -> None: ...
        def set_schema_to_public(self) -> None: ...

    connection: TenantConnection
else:
    from django.db import connection
