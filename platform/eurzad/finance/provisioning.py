"""What finance gives every new town: the standard kinds of obligations with their
installment schedules, and the "Finanse" staff group."""

from __future__ import annotations

from eurzad.finance.defaults import ensure_default_kinds, set_up_finance_group
from tenants.provisioning import ProvisioningStep, register


def seed() -> None:
    ensure_default_kinds()
    set_up_finance_group()


def register_steps() -> None:
    register(ProvisioningStep("finance", order=30, seed=seed))
