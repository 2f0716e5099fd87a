"""The registers' section of Mój e-Urząd: the acting Party's own entries (registered from
``RegistersConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section


def _my_entries(context: SectionContext) -> Section:
    return Section(
        _("Moje wpisy w rejestrach"),
        reverse("registers:mine"),
        _("Zezwolenia, umowy dzierżawy i najmu i inne wpisy w rejestrach gminy."),
    )


def register_sections() -> None:
    register_section("registers", 40, _my_entries)
