"""What channels gives every new town: its ePUAP and e-Doręczenia configurations, each
with a system key and certificate issued for the town's host, and the "Kancelaria" staff
group that takes in the documents that arrive through them."""

from __future__ import annotations

from eurzad.channels.services import ensure_channel_config
from eurzad.core.staff_groups import grant
from tenants.provisioning import ProvisioningStep, Town, register

INTAKE_GROUP = "Kancelaria"
INTAKE_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "channels": ["view_intakerecord", "change_intakerecord"],
}


def seed() -> None:
    grant(INTAKE_GROUP, INTAKE_PERMISSIONS)


def provision(town: Town) -> None:
    ensure_channel_config(town.hostname, town.name)


def register_steps() -> None:
    register(ProvisioningStep("channels", order=50, seed=seed, provision=provision))
