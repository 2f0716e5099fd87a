"""The notifications' section of Mój e-Urząd (registered from
``NotificationsConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section


def _notifications(context: SectionContext) -> Section:
    return Section(
        _("Powiadomienia"),
        reverse("account:notifications"),
        _("Wiadomości z urzędu o Twoich sprawach i zobowiązaniach."),
        status=str(_("Nieprzeczytane: %(count)d")) % {"count": context.unread}
        if context.unread
        else "",
    )


def register_sections() -> None:
    register_section("notifications", 70, _notifications)
