"""What identity gives every new town: the staff groups that review access requests and
administer logins, and the town's login.gov.pl service-provider key for its host."""

from __future__ import annotations

from eurzad.identity.services import ensure_login_config, set_up_resident_service_group
from tenants.provisioning import ProvisioningStep, Town, register


def provision(town: Town) -> None:
    ensure_login_config(town.hostname, town.name)


def register_steps() -> None:
    register(
        ProvisioningStep(
            "identity", order=20, seed=set_up_resident_service_group, provision=provision
        )
    )
