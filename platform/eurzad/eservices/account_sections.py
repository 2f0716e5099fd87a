"""Moje wnioski in Mój e-Urząd (registered from ``EServicesConfig.ready``). It shows no
live count: every resident page draws the menu, and its few statements are counted
(tests/test_resident_query_counts.py); the drafts are listed on the section's page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import register_section, static_section


def register_sections() -> None:
    register_section(
        "applications",
        55,
        static_section(
            _("Moje wnioski"),
            "eservices:mine",
            _("Wnioski złożone przez e-Urząd i te, których jeszcze nie dokończono."),
        ),
    )
