"""What channels gives every new town: its ePUAP and e-Doręczenia configurations, each
with a system key and certificate issued for the town's host."""

from __future__ import annotations

from eurzad.channels.services import ensure_channel_config
from tenants.provisioning import ProvisioningStep, Town, register


def provision(town: Town) -> None:
    ensure_channel_config(town.hostname, town.name)


def register_steps() -> None:
    register(ProvisioningStep("channels", order=50, provision=provision))
