"""Onboarding from the spare-schema pool: fast, never stale, refilled, with a fallback."""

from __future__ import annotations

import logging

import pytest
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from cms.models import HomePage
from eurzad.finance.models import ObligationKind
from tenants import pool
from tenants.migration_state import target_state
from tenants.models import Domain, Municipality, SpareSchema
from tenants.services import MunicipalityRequest, create_municipality
from tests.conftest import host_client
from tests.scale.conftest import drop_town

TERYT = "1213062"  # Lanckorona
SEARCH_INDEXES = {"cms_search_document", "cms_search_title_trgm", "cms_search_body_trgm",
                  "register_entry_text", "property_address_trgm"}  # fmt: skip


@pytest.fixture
def lanckorona(empty_pool):
    drop_town(TERYT)
    yield
    drop_town(TERYT)


def _request() -> MunicipalityRequest:
    return MunicipalityRequest(
        name="Lanckorona",
        official_name="Gmina Lanckorona",
        teryt=TERYT,
        domain="lanckorona.localhost",
        theme_preset="gorski",
    )


def test_onboarding_takes_a_spare_and_the_town_works(lanckorona):
    spare = pool.create_spare()
    assert spare.schema_name.startswith("spare_") and schema_exists(spare.schema_name)
    with schema_context(spare.schema_name):
        assert ObligationKind.objects.exists()  # generic seed data is already there
    assert not Municipality.objects.filter(schema_name=spare.schema_name).exists()

    # Taking a spare migrates nothing: no table is created (how fast it is, is measured
    # by `make bench-scale`, never timed here).
    with CaptureQueriesContext(connection) as queries:
        town = create_municipality(_request())
    created = [q["sql"] for q in queries.captured_queries if "CREATE TABLE" in q["sql"].upper()]
    assert created == []
    assert not SpareSchema.objects.exists() and not schema_exists(spare.schema_name)
    town.refresh_from_db()
    assert (town.schema_name, town.status) == ("lanckorona", "active")
    assert town.migration_state == target_state()
    with schema_context("lanckorona"):
        site = Site.objects.get(is_default_site=True)
        assert site.hostname == "lanckorona.localhost"
        assert HomePage.objects.get().title == "Gmina Lanckorona"
    connection.set_schema_to_public()
    response = host_client("lanckorona.localhost").get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gmina Lanckorona" in body and "Zembrzyce" not in body
    # Its data is its own: the demo towns' pages are not in its schema, nor its in theirs.
    with schema_context("zembrzyce"):
        assert not HomePage.objects.filter(title="Gmina Lanckorona").exists()
    with schema_context("lanckorona"):
        assert not HomePage.objects.filter(title="Gmina Zembrzyce").exists()
    # The search indexes came with the spare's migrations; the town's pages are found.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'lanckorona'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert indexes >= SEARCH_INDEXES
    found = host_client("lanckorona.localhost").get("/szukaj/", {"q": "lanckorona"})
    assert "Gmina Lanckorona" in found.content.decode()


def test_a_stale_spare_is_never_handed_out_and_refill_replaces_it(lanckorona):
    spare = pool.create_spare()
    SpareSchema.objects.filter(pk=spare.pk).update(migration_state="made-before-deploy")
    assert pool.ready_spares() == 0
    with transaction.atomic():
        assert not pool.take_spare("lanckorona")  # onboarding would take the stock path
    assert schema_exists(spare.schema_name)  # untouched

    assert pool.refill_pool(size=1) == 1
    assert not schema_exists(spare.schema_name)  # stale spare dropped
    fresh = SpareSchema.objects.get()
    assert fresh.migration_state == target_state() and schema_exists(fresh.schema_name)


def test_pool_refills_to_its_size(empty_pool):
    assert pool.refill_pool(size=1) == 1
    assert pool.ready_spares() == 1
    assert pool.refill_pool(size=1) == 0  # already full


def test_fallback_to_the_stock_path_when_the_pool_is_empty(lanckorona, caplog):
    with caplog.at_level(logging.WARNING, logger="tenants.services"):
        town = create_municipality(_request())
    assert "pool empty" in caplog.text
    assert town.status == "active" and town.migration_state == target_state()
    assert Domain.objects.get(tenant=town).domain == "lanckorona.localhost"
    assert host_client("lanckorona.localhost").get("/").status_code == 200


def test_a_failed_onboarding_puts_the_spare_back(lanckorona):
    spare = pool.create_spare()
    too_long = MunicipalityRequest(
        name="L" * 200,  # longer than the column: the INSERT fails inside the transaction
        official_name="Gmina Lanckorona",
        teryt=TERYT,
        domain="lanckorona.localhost",
        schema_name="lanckorona",
    )
    with pytest.raises(DataError):
        create_municipality(too_long)
    assert SpareSchema.objects.filter(pk=spare.pk).exists() and schema_exists(spare.schema_name)
    assert not Municipality.objects.filter(teryt=TERYT).exists()


def test_spare_schemas_are_reserved_names(towns):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="spare_"):
        create_municipality(
            MunicipalityRequest(
                name="X",
                official_name="",
                teryt=TERYT,
                domain="x.localhost",
                schema_name="spare_abc",
            )
        )
