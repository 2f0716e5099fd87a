"""What the payment gateways give every new town: with simulators on, a Przelewy24
configuration pointing at the local simulator."""

from __future__ import annotations

from eurzad.finance.gateways.services import ensure_gateway_config
from tenants.provisioning import ProvisioningStep, register


def register_steps() -> None:
    register(ProvisioningStep("gateways", order=60, seed=ensure_gateway_config))
