"""The registers' section of Mój e-Urząd: the acting Party's own entries (registered from
``RegistersConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import register_section, static_section


def register_sections() -> None:
    register_section(
        "registers",
        40,
        static_section(
            _("Moje wpisy w rejestrach"),
            "registers:mine",
            _("Zezwolenia, umowy dzierżawy i najmu i inne wpisy w rejestrach gminy."),
        ),
    )
