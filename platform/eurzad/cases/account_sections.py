"""The cases' section of Mój e-Urząd (registered from ``CasesConfig.ready``): its status
is how many of the acting Party's cases wait for it to act."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.cases.queries import waiting_for
from eurzad.core.account_area import Section, SectionContext, register_section


def _waiting(context: SectionContext) -> str:
    if context.party is None:
        return ""
    waiting = waiting_for(context.party)
    return str(_("Czeka na Ciebie: %(count)d")) % {"count": waiting} if waiting else ""


def _cases(context: SectionContext) -> Section:
    return Section(
        _("Moje sprawy"),
        reverse("cases:cases"),
        _("Sprawy prowadzone przez urząd: status, terminy, pisma i czego urząd oczekuje."),
        status=_waiting(context),
    )


def register_sections() -> None:
    register_section("cases", 60, _cases)
