"""Moje wnioski in Mój e-Urząd (registered from ``EServicesConfig.ready``): its status is
how many applications of the acting Party are unfinished."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section
from eurzad.eservices.queries import unfinished_count


def _applications(context: SectionContext) -> Section:
    count = unfinished_count(context.party) if context.party is not None else 0
    return Section(
        _("Moje wnioski"),
        reverse("eservices:mine"),
        _("Wnioski złożone przez e-Urząd i te, których jeszcze nie dokończono."),
        status=str(_("Do dokończenia: %(count)d")) % {"count": count} if count else "",
    )


def register_sections() -> None:
    register_section("applications", 55, _applications)
