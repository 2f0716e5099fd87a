"""Parties in the Wagtail admin: the chooser that case and register forms pick a Party
with."""

from __future__ import annotations

from wagtail import hooks

from eurzad.parties.views import PartyChooserViewSet, party_chooser_viewset


@hooks.register("register_admin_viewset")
def register_party_chooser() -> PartyChooserViewSet:
    return party_chooser_viewset
