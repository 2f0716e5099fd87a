"""Provisioning a town: the steps the apps contribute, run in their declared order.

Each app registers one ``ProvisioningStep`` from its own ``AppConfig.ready()`` (its
``provisioning`` module); this module knows none of them, so a new app plugs in without
editing tenants or cms. A step has two halves, either may be missing:

- ``seed()``: what every town starts with and that does not depend on the town (staff
  groups, default obligation kinds, registers, …). The spare-schema pool runs it ahead of
  time (``tenants.pool``); onboarding runs it again, which changes nothing on a fresh spare
  and brings a town made by an older version up to date.
- ``provision(town)``: what depends on the town (its home page and site, the login.gov.pl
  and channel keys issued for its host name, …).

Both run inside the town's schema (the caller sets it, in a transaction) and must be
idempotent: running them again changes nothing. Steps run by ``order``, then by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from tenants.models import Municipality


@dataclass(frozen=True)
class Town:
    """What a ``provision`` step knows of the town it sets up."""

    municipality: Municipality
    hostname: str  # the primary host name ("" when the town has none yet)

    @property
    def name(self) -> str:
        """The name the town shows: its official name, else its short name."""
        return str(self.municipality)


@dataclass(frozen=True)
class ProvisioningStep:
    """One app's part of a new town. Lower ``order`` runs first; leave gaps (10, 20, …)."""

    name: str
    order: int
    seed: Callable[[], object] | None = None
    provision: Callable[[Town], object] | None = None


_steps: Registry[ProvisioningStep] = Registry(
    "provisioning step", order=lambda step: (step.order, step.name)
)


def register(step: ProvisioningStep) -> ProvisioningStep:
    """Add a step (from the owning app's ``ready()``); a name is registered once
    (``AlreadyRegistered``, a ``ValueError``, for another step under a taken name)."""
    if step.seed is None and step.provision is None:
        raise ValueError(f"Provisioning step {step.name!r} has neither seed nor provision.")
    return _steps.register(step.name, step)


def unregister(name: str) -> None:
    """Remove a step (tests that plug one in take it out again)."""
    _steps.unregister(name)


def steps() -> list[ProvisioningStep]:
    """Every registered step, in the order they run."""
    return _steps.values()


def run_seed_steps() -> None:
    """Every step's town-independent seed, in order (a spare schema, a new town)."""
    for step in steps():
        if step.seed is not None:
            step.seed()


def run_town_steps(town: Town) -> None:
    """Every step's town-specific part, in order."""
    for step in steps():
        if step.provision is not None:
            step.provision(town)


def provision_town(town: Town) -> None:
    """Everything a town starts with: the seed, then the town-specific part. Runs inside
    the town's schema; running it again changes nothing."""
    run_seed_steps()
    run_town_steps(town)
