"""The OpenAPI generator drf-spectacular uses by default — in its deployment check
(``manage.py check --deploy``) and in ``manage.py spectacular`` — reads the town API's own
URLconf, the one /api/v1/schema/ serves, not the whole site's (Wagtail's pages, the
language prefixes), which it cannot describe and would only warn about."""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator

API_URLCONF = "api.schema_urls"


class TownApiSchemaGenerator(SchemaGenerator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("urlconf") is None:
            kwargs["urlconf"] = API_URLCONF
        super().__init__(*args, **kwargs)
