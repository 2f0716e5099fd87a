"""The count under every listing of the Wagtail admin, in Polish that agrees with its
number. Wagtail writes it as "<number> <model's plural name>", which in Polish is right
only for 2–4 ("8 rodzaje zobowiązań" should be "8 rodzajów zobowiązań", a form no model
has); the name before the number ("Rodzaje zobowiązań: 8") is right for every number."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.paginator import WagtailPaginator


class CountedPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self) -> str:
        name = self.verbose_name if self.count == 1 else self.verbose_name_plural
        return f"{capfirst(str(name))}: {self.count}"


def use_counted_paginator() -> None:
    """Every listing view of the admin counts with :class:`CountedPaginator` (called
    once, when the app is ready)."""
    from wagtail.admin.views.generic.base import BaseListingView

    BaseListingView.paginator_class = CountedPaginator
