"""The online payments' section of Mój e-Urząd (registered from
``GatewaysConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import register_section, static_section


def register_sections() -> None:
    register_section(
        "online-payments",
        50,
        static_section(
            _("Płatności internetowe"),
            "payments:list",
            _("Koszyk rat do zapłaty online bez prowizji i stan Twoich płatności."),
        ),
    )
