"""What e-services give every new town: the "E-usługi" staff group and the five shipped
forms (with the constants they use), each attached to its catalogue service once the
town has one."""

from __future__ import annotations

from eurzad.eservices.defaults import set_up_eservices_group
from eurzad.eservices.shipped import link_services, ship_forms
from tenants.provisioning import ProvisioningStep, Town, register


def seed() -> None:
    set_up_eservices_group()
    ship_forms()


def provision(town: Town) -> None:
    link_services()


def register_steps() -> None:
    register(ProvisioningStep("eservices", order=65, seed=seed, provision=provision))
