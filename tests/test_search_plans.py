"""Every search reads its table through an index, never row by row.

Głogów gets 2,000 more services, register entries and properties (and fresh statistics);
the statements each search page really runs are captured and explained. Each must reach
the searched table through the index its condition was built for — never a ``Seq Scan``.
(At 10,000 rows and in time: tests/perf/test_search.py.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from cms.models import ServiceCatalogueIndexPage
from eurzad.registers.defaults import ALCOHOL_PERMITS
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry
from tests.bulk_pages import add_services
from tests.plans import indexes_used, search_plans

pytestmark = pytest.mark.django_db

ROWS = 2_000
INDEX_ROWS = "wagtailsearch_indexentry"
FULL_TEXT = {"cms_search_document"}
SIMILAR = {"cms_search_title_trgm", "cms_search_body_trgm"}
PROPERTY = {"property_parcel_trgm", "property_address_trgm", "property_use_trgm",
            "property_land_register_trgm"}  # fmt: skip
# (page, the searched table, groups of indexes: the plans use one of each group)
PAGE_SEARCHES = [
    ("/katalog-uslug/?q=sprawa+1234", INDEX_ROWS, [FULL_TEXT]),
    # Full text finds nothing, then the similar words: both plans use their indexes.
    ("/katalog-uslug/?q=wymeldownie", INDEX_ROWS, [FULL_TEXT, SIMILAR]),
    ("/katalog-uslug/?q=sprawa+1234&kategoria=srodowisko", INDEX_ROWS, [FULL_TEXT]),
    ("/szukaj/?q=sprawa+1234", INDEX_ROWS, [FULL_TEXT]),
    ("/szukaj/?q=wymeldownie", INDEX_ROWS, [FULL_TEXT, SIMILAR]),
]
REGISTER_SEARCHES = [
    (f"/rejestry/{ALCOHOL_PERMITS}/?q=zabka+1234", "registers_registerentry",
     [{"register_entry_text"}]),
    ("/mienie/?q=1234%2F", "registers_property", [PROPERTY]),
    ("/mienie/?q=zrodlana+12", "registers_property", [PROPERTY]),
]  # fmt: skip


@pytest.fixture
def many_services(towns: dict) -> None:
    with schema_context("glogow"):
        add_services(ServiceCatalogueIndexPage.objects.get(), ROWS)  # and analyses


@pytest.fixture
def many_entries_and_properties(towns: dict) -> None:
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        RegisterEntry.objects.bulk_create(
            RegisterEntry(
                definition=permits,
                number=f"PLAN/{n}/2026",
                values={"holder": f"Sklep Żabka {n}", "outlet_address": f"ul. Długa {n}",
                        "nip": f"{5260000000 + n}"},
                source="plan",
                external_id=f"plan-{n}",
            )
            for n in range(ROWS)
        )  # fmt: skip
        Property.objects.bulk_create(
            Property(
                parcel_number=f"{n}/{n % 7 + 1}", precinct=f"Obręb {n % 40}",
                area_m2=Decimal(50 + n), land_register_number=f"LE1G/{n:08d}/{n % 10}",
                use="teren rolny", address=f"ul. {'Lipowa' if n % 5 else 'Źródlana'} {n % 200}",
                source="plan", external_id=f"plan-{n}",
            )
            for n in range(ROWS)
        )  # fmt: skip
        _analyze("registers_registerentry", "registers_property")


def _analyze(*tables: str) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def test_page_searches_read_the_index_rows_through_their_indexes(glogow, many_services):
    for url, table, indexes in PAGE_SEARCHES:
        _assert_indexed(glogow, url, table, indexes)


def test_register_and_property_searches_read_through_their_indexes(
    glogow, many_entries_and_properties
):
    for url, table, indexes in REGISTER_SEARCHES:
        _assert_indexed(glogow, url, table, indexes)


def _assert_indexed(client, url: str, table: str, groups: list[set[str]]) -> None:
    def get(url: str) -> None:
        assert client.get(url).status_code == 200, url

    indexes_used(search_plans(get, url, table, "glogow"), table, groups)
