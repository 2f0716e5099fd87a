"""What registers gives every new town: the shipped registers and the "Rejestry" staff
group."""

from __future__ import annotations

from eurzad.registers.defaults import ensure_default_registers
from tenants.provisioning import ProvisioningStep, register


def register_steps() -> None:
    register(ProvisioningStep("registers", order=70, seed=ensure_default_registers))
