"""The online payments' section of Mój e-Urząd (registered from
``GatewaysConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section


def _online_payments(context: SectionContext) -> Section:
    return Section(
        _("Płatności internetowe"),
        reverse("payments:list"),
        _("Koszyk rat do zapłaty online bez prowizji i stan Twoich płatności."),
    )


def register_sections() -> None:
    register_section("online-payments", 50, _online_payments)
