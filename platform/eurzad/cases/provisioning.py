"""What cases gives every new town: the "Sprawy" staff group."""

from __future__ import annotations

from eurzad.cases.defaults import set_up_cases_group
from tenants.provisioning import ProvisioningStep, register


def register_steps() -> None:
    register(ProvisioningStep("cases", order=40, seed=set_up_cases_group))
