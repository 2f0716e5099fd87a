"""django-tenants' database wrapper with :class:`ManySchemaIntrospection`."""

from __future__ import annotations

from typing import Any

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from eurzad.core.postgresql.introspection import ManySchemaIntrospection


class DatabaseWrapper(TenantDatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.introspection = ManySchemaIntrospection(self)
