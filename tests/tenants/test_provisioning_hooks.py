"""Provisioning steps plug in from outside: an app registers one and every new town and
every spare schema gets it, in its declared order, without editing tenants or cms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Locale, Site

from eurzad.channels.models import ChannelConfig
from eurzad.core.registry import AlreadyRegistered
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.models import ObligationKind, ScheduleRule
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.services import RESIDENT_SERVICE_GROUP
from eurzad.registers.models import RegisterDefinition
from tenants import pool, provisioning
from tenants.provisioning import ProvisioningStep, Town
from tenants.services import MunicipalityRequest, create_municipality
from tests.scale.conftest import drop_spares, drop_town

TERYT = "1218052"  # Mucharz
HOST = "mucharz.localhost"
PLUGGED = "plugged_in_app"

# What the real apps register, in the order they run (cms's site before all else).
SHIPPED_STEPS = [
    "cms", "identity", "finance", "cases", "channels", "gateways", "eservices", "registers",
]  # fmt: skip


def _noop() -> None:
    pass


@pytest.fixture
def scratch_steps() -> Iterator[list[str]]:
    """Names registered by a test, taken out again afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        provisioning.unregister(name)


def _register(names: list[str], step: ProvisioningStep) -> None:
    names.append(step.name)
    provisioning.register(step)


def test_the_apps_register_their_steps_in_the_order_of_today():
    assert [step.name for step in provisioning.steps()] == SHIPPED_STEPS


def test_steps_run_by_declared_order_then_name(scratch_steps):
    for name, order in (("zz_late", 900), ("b_between", 15), ("a_between", 15), ("first", 1)):
        _register(scratch_steps, ProvisioningStep(name, order=order, seed=_noop))
    assert [step.name for step in provisioning.steps()] == [
        "first",
        "cms",
        "a_between",
        "b_between",
        *SHIPPED_STEPS[1:],
        "zz_late",
    ]


def test_a_name_is_registered_once(scratch_steps):
    step = ProvisioningStep("twice", order=5, seed=_noop)
    _register(scratch_steps, step)
    provisioning.register(step)  # the same step again (a second ready()) changes nothing
    with pytest.raises(AlreadyRegistered, match="already registered"):
        provisioning.register(ProvisioningStep("twice", order=6, seed=_noop))
    with pytest.raises(AlreadyRegistered, match="already registered"):
        provisioning.register(ProvisioningStep("cms", order=10, seed=_noop))
    assert [step.name for step in provisioning.steps()].count("twice") == 1


def test_a_step_without_work_is_refused():
    with pytest.raises(ValueError, match="neither seed nor provision"):
        provisioning.register(ProvisioningStep("idle", order=5))


# ---------------------------------------------------------------- plugged into real towns


def _seeded_data() -> dict[str, Any]:
    """The town-independent seed data of the schema in use."""
    return {
        "groups": {
            group.name: group.permissions.count() for group in Group.objects.order_by("name")
        },
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "kinds": sorted(ObligationKind.objects.values_list("code", flat=True)),
        "schedule_rules": ScheduleRule.objects.count(),
        "registers": sorted(RegisterDefinition.objects.values_list("slug", flat=True)),
        "gateways": sorted(GatewayConfig.objects.values_list("gateway", flat=True)),
    }


class PluggedApp:
    """A new app's provisioning step, between cms (10) and identity (20): it notes where
    it ran and what the steps before and after it had done by then."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def seed(self) -> None:
        self.calls.append(
            {
                "part": "seed",
                "schema": connection.schema_name,
                "cms_seeded": Group.objects.filter(name="Editors").exists(),
                "identity_seeded": Group.objects.filter(name=RESIDENT_SERVICE_GROUP).exists(),
            }
        )

    def provision(self, town: Town) -> None:
        site = Site.objects.filter(is_default_site=True).first()
        self.calls.append(
            {
                "part": "provision",
                "schema": connection.schema_name,
                "town": (town.municipality.schema_name, town.hostname, town.name),
                "cms_site": site.hostname if site else None,
                "identity_provisioned": LoginGovConfig.objects.exists(),
            }
        )


@pytest.fixture
def plugged(committed_db: None) -> Iterator[PluggedApp]:
    app = PluggedApp()
    provisioning.register(
        ProvisioningStep(PLUGGED, order=15, seed=app.seed, provision=app.provision)
    )
    drop_town(TERYT)
    drop_spares()
    yield app
    provisioning.unregister(PLUGGED)
    drop_town(TERYT)
    drop_spares()


def _onboard() -> None:
    create_municipality(
        MunicipalityRequest(name="Mucharz", official_name="Gmina Mucharz", teryt=TERYT, domain=HOST)
    )
    connection.set_schema_to_public()


def test_a_plugged_in_step_runs_in_a_fresh_town_and_in_the_spare_pool(plugged):
    town = ("mucharz", HOST, "Gmina Mucharz")
    seed_in_town = {"part": "seed", "schema": "mucharz", "cms_seeded": True}
    provision_in_town = {
        "part": "provision",
        "schema": "mucharz",
        "town": town,
        "cms_site": HOST,  # cms's site step ran before it ...
        "identity_provisioned": False,  # ... identity's login key after it
    }

    # The stock path (the pool is empty): the seed, then the town's part, in its schema.
    _onboard()
    assert plugged.calls == [
        {**seed_in_town, "identity_seeded": False},
        provision_in_town,
    ]
    with schema_context("mucharz"):
        fresh_town = _seeded_data()
        assert LoginGovConfig.objects.count() == 1
        assert ChannelConfig.objects.count() == len(ChannelConfig.Kind)
    drop_town(TERYT)

    # A spare gets the seed only, in its own schema, and the same seed data as that town.
    plugged.calls.clear()
    spare = pool.create_spare()
    assert plugged.calls == [
        {"part": "seed", "schema": spare.schema_name, "cms_seeded": True, "identity_seeded": False}
    ]
    with schema_context(spare.schema_name):
        assert _seeded_data() == fresh_town
        assert not LoginGovConfig.objects.exists() and not Site.objects.filter(hostname=HOST)
    connection.set_schema_to_public()

    # Onboarding from the spare: the seed again (it changes nothing), then the town's part.
    plugged.calls.clear()
    _onboard()
    assert plugged.calls == [{**seed_in_town, "identity_seeded": True}, provision_in_town]
    with schema_context("mucharz"):
        assert _seeded_data() == fresh_town
        assert LoginGovConfig.objects.count() == 1
        assert ChannelConfig.objects.count() == len(ChannelConfig.Kind)
