"""The open data makes the same number of queries for 2 rows as for many (no N+1), in
JSON and CSV alike, and a CSV of 10,000 properties streams from a database iterator."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from cms.models import (
    Alert,
    LifeSituation,
    NewsIndexPage,
    NewsPage,
    ServiceCatalogueIndexPage,
    ServiceCategory,
    ServicePage,
)
from eurzad.registers.budget.models import BudgetLine, BudgetYear
from eurzad.registers.defaults import PROPERTY_LEASES
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry
from eurzad.registers.queries import PropertyFilters, search_properties
from tests.api.open.conftest import API, csv_rows
from tests.conftest import GLOGOW_HOST, host_client

pytestmark = pytest.mark.django_db


def _properties(start: int, end: int) -> None:
    Property.objects.bulk_create(
        [
            Property(parcel_number=f"{n}/1", precinct="Wydajnościowo", area_m2=n + 1,
                     offer="sale", external_id=f"perf-{n}")
            for n in range(start, end)
        ]
    )  # fmt: skip


def _entries(start: int, end: int) -> None:
    leases = RegisterDefinition.objects.get(slug=PROPERTY_LEASES)
    for n in range(start, end):
        RegisterEntry.objects.create(
            definition=leases, number=f"PERF/{n}", external_id=f"perf-{n}",
            values={"kind": "najem", "parcel": f"{n}/1", "tenant": "Ktoś", "rent": 100},
        )  # fmt: skip


def _budget_lines(start: int, end: int) -> None:
    year, _created = BudgetYear.objects.get_or_create(year=2030)
    for n in range(start, end):
        BudgetLine.objects.create(budget_year=year, side="expenditure", dzial="600",
                                  rozdzial="60016", paragraf=f"{4000 + n}",
                                  planned=Decimal(n), executed=Decimal(n))  # fmt: skip


def _alerts(start: int, end: int) -> None:
    now = timezone.now()
    for n in range(start, end):
        Alert.objects.create(title=f"Perf {n}", message="x", valid_from=now - timedelta(hours=1),
                             valid_until=now + timedelta(days=1))  # fmt: skip


def _news(start: int, end: int) -> None:
    index = NewsIndexPage.objects.get()
    for n in range(start, end):
        page = NewsPage(title=f"Perf {n}", slug=f"perf-{n}", lead="x", body=[])
        index.add_child(instance=page)
        page.tags.add("perf", f"perf-{n}")
        page.save_revision().publish()


def _services(start: int, end: int) -> None:
    catalogue = ServiceCatalogueIndexPage.objects.get()
    category, _created = ServiceCategory.objects.get_or_create(slug="perf", name="Perf")
    situation, _created = LifeSituation.objects.get_or_create(slug="perf", name="Perf")
    for n in range(start, end):
        page = ServicePage(
            title=f"Perf {n}", slug=f"perf-{n}", summary="x", purpose="<p>x</p>",
            channels=[("channel", {"kind": "epuap", "label": "Formularz",
                                   "url": f"https://epuap.example/{n}"})],
        )  # fmt: skip
        catalogue.add_child(instance=page)
        page.categories.add(category)
        page.life_situations.add(situation)
        page.save_revision().publish()


def _registers(start: int, end: int) -> None:
    for n in range(start, end):
        RegisterDefinition.objects.create(
            name=f"Perf {n}", slug=f"perf-{n}",
            fields=[{"name": "a", "label": "A", "type": "text", "public": True}],
        )  # fmt: skip


CASES: list[tuple[str, dict, Callable[[int, int], None]]] = [
    ("mienie/", {"obreb": "Wydajnościowo"}, _properties),
    (f"rejestry/{PROPERTY_LEASES}/wpisy/", {"q": "PERF/"}, _entries),
    ("budzet/2030/pozycje/", {}, _budget_lines),
    ("ostrzezenia/", {}, _alerts),
    ("aktualnosci/", {"tag": "perf"}, _news),
    ("katalog-uslug/uslugi/", {"kategoria": "perf"}, _services),
    ("rejestry/", {}, _registers),
]


def _queries(path: str, params: dict) -> int:
    client = host_client(GLOGOW_HOST)
    warm = client.get(API + path, params)  # warm per-process caches (site root paths)
    if warm.streaming:
        b"".join(warm.streaming_content)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API + path, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured.captured_queries)


@pytest.mark.parametrize(("path", "params", "grow"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_queries_do_not_grow_with_the_rows(towns, path, params, grow, fmt):
    params = {**params, "format": fmt, "na_stronie": 200}
    with schema_context("glogow"):
        grow(0, 2)
    with_two = _queries(path, params)
    with schema_context("glogow"):
        grow(2, 40)
    with_many = _queries(path, params)
    assert with_many == with_two, f"{path} {fmt}: {with_two} queries for 2 rows, {with_many} for 40"
    assert with_two <= 30


def test_csv_of_ten_thousand_properties_streams_in_chunks(glogow):
    with schema_context("glogow"):
        _properties(0, 10_000)
        tracemalloc.start()
        whole = list(search_properties(PropertyFilters(precinct="Wydajnościowo")))
        _size, materialised = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del whole
    response = glogow.get(API + "mienie/", {"obreb": "Wydajnościowo", "format": "csv"})
    assert response.streaming
    tracemalloc.start()
    rows = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\r\n")
    _size, streamed = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rows == 10_001  # the header and every property
    assert streamed < materialised / 2, (streamed, materialised)


def test_whole_csv_is_not_paginated(glogow):
    with schema_context("glogow"):
        _properties(0, 300)
    rows = csv_rows(glogow.get(API + "mienie/", {"obreb": "Wydajnościowo", "format": "csv",
                                                 "na_stronie": 10}))  # fmt: skip
    assert len(rows) == 301
