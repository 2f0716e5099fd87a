"""The made-up app's configuration: everything it adds, it registers here."""

from __future__ import annotations

from django.apps import AppConfig
from django.db import connection

from eurzad.core.account_area import (
    Section,
    SectionContext,
    register_section,
    unregister_section,
)
from eurzad.notifications.kinds import KINDS, Kind, register
from tenants import provisioning
from tenants.provisioning import ProvisioningStep, Town

SECTION_POSITION = 45  # between the registers (40) and the online payments (50)

# What ran where, for the test to see (schema, step part).
ran: list[tuple[str, str]] = []


def seed() -> None:
    ran.append((connection.schema_name, "seed"))


def provision(town: Town) -> None:
    ran.append((connection.schema_name, f"provision {town.municipality.schema_name}"))


def pets_section(context: SectionContext) -> Section:
    return Section(
        "Psy i koty",
        "/konto/zwierzeta/",
        "Opłata od posiadania psa i rejestr zwierząt.",
        status=f"Dla: {context.party.display_name}",
    )


STEP = ProvisioningStep("pets", order=75, seed=seed, provision=provision)
KIND = Kind("pet_fee_due", "Termin opłaty od psa", context_keys=("amount",), position=35)


class PetsConfig(AppConfig):
    name = "tests.plug_in"
    label = "pets"

    def ready(self) -> None:
        provisioning.register(STEP)
        register_section("pets", SECTION_POSITION, pets_section)
        register(KIND)

    def forget(self) -> None:
        """Undo ``ready`` (the test's clean-up)."""
        provisioning.unregister(STEP.name)
        unregister_section("pets")
        KINDS.pop(KIND.name, None)
