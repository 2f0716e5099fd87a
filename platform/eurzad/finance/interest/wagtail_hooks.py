"""The interest rates in a town's admin: a read-only page beside "Finanse", for the
town's finance staff (:mod:`eurzad.finance.interest.admin_views`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from eurzad.finance.interest import admin_views


@hooks.register("register_admin_urls")
def register_interest_rates_url() -> list:
    return [path("odsetki/", admin_views.interest_rates, name="interest_rates")]


class InterestRatesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_view(request)


@hooks.register("register_admin_menu_item")
def register_interest_rates_menu_item() -> MenuItem:
    # Right after the "Finanse" group (menu_order 260).
    return InterestRatesMenuItem(
        _("Stawki odsetek"), reverse("interest_rates"), icon_name="decimal", order=261
    )
