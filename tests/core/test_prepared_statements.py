"""Prepared statements (``DATABASE_PREPARED_STATEMENTS``): a statement a connection runs
often is prepared once, and still reads the schema of the town the connection is in at
each run — PostgreSQL parses it again when ``search_path`` has changed."""

from __future__ import annotations

from django.db import connection
from django_tenants.utils import schema_context

from eurzad.settings.services import PREPARE_THRESHOLD, service_settings
from themes.models import BrandingSettings

TOWNS = ("zembrzyce", "glogow")


def _display_names() -> list[str]:
    return list(BrandingSettings.objects.values_list("display_name", flat=True))


def _prepared(fragment: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall() if fragment in statement]


def test_the_connection_binds_on_the_server_and_prepares():
    options = service_settings(
        "postgres://u@h/d", "", conn_max_age=0, cache_db=1, broker_db=2, results_db=3
    )["DATABASES"]["default"]["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": PREPARE_THRESHOLD}
    off = service_settings(
        "postgres://u@h/d", "", conn_max_age=0, cache_db=1, broker_db=2, results_db=3,
        prepared_statements=False,
    )["DATABASES"]["default"]["OPTIONS"]  # fmt: skip
    assert off == {}


def test_a_prepared_statement_reads_the_town_the_connection_is_in(towns):
    expected = {}
    for schema in TOWNS:
        with schema_context(schema):
            expected[schema] = _display_names()
    assert expected["zembrzyce"] != expected["glogow"]

    for _round in range(3):
        for schema in TOWNS:
            with schema_context(schema):
                for _ in range(PREPARE_THRESHOLD + 1):
                    assert _display_names() == expected[schema]
    assert _prepared('"themes_brandingsettings"."display_name"'), "never prepared"
