"""What e-services give every new town: the "E-usługi" staff group."""

from __future__ import annotations

from eurzad.eservices.defaults import set_up_eservices_group
from tenants.provisioning import ProvisioningStep, register


def register_steps() -> None:
    register(ProvisioningStep("eservices", order=65, seed=set_up_eservices_group))
