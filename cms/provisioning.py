"""What cms gives every new town: the English locale, the editors' groups, the home page
and the Wagtail site on the town's host."""

from __future__ import annotations

from wagtail.models import Locale

from cms.services import set_up_editor_groups, set_up_site
from tenants.provisioning import ProvisioningStep, Town, register


def seed() -> None:
    Locale.objects.get_or_create(language_code="en")  # editors may publish English versions
    set_up_editor_groups()


def provision(town: Town) -> None:
    set_up_site(town.municipality, town.hostname)


def register_steps() -> None:
    # First: the site and page tree every other app's pages hang under.
    register(ProvisioningStep("cms", order=10, seed=seed, provision=provision))
