"""Fixtures of the scale tests: a spare-schema pool and a town of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from tenants import pool
from tenants.models import Municipality, SpareSchema
from tenants.services import MunicipalityRequest, create_municipality

SCALE_TERYT = "1215082"  # Stryszawa
SCALE_HOST = "stryszawa-scale.localhost"


def drop_town(teryt: str) -> None:
    connection.set_schema_to_public()
    for town in Municipality.objects.filter(teryt=teryt):
        town.delete(force_drop=True)


def drop_spares() -> None:
    connection.set_schema_to_public()
    for name in SpareSchema.objects.values_list("schema_name", flat=True):
        pool.drop_schema(name)


@pytest.fixture
def empty_pool(committed_db: None) -> Iterator[None]:
    drop_spares()
    yield
    drop_spares()


@pytest.fixture(scope="module")
def scale_town(demo_towns, django_db_blocker) -> Iterator[Municipality]:
    """One town of the scale tests' own (built from a spare), removed afterwards."""
    with django_db_blocker.unblock():
        drop_town(SCALE_TERYT)
        drop_spares()
        pool.create_spare()
        town = create_municipality(
            MunicipalityRequest(
                name="Stryszawa",
                official_name="Gmina Stryszawa",
                teryt=SCALE_TERYT,
                domain=SCALE_HOST,
                schema_name="stryszawa_scale",
            )
        )
        yield town
        drop_town(SCALE_TERYT)
        drop_spares()
