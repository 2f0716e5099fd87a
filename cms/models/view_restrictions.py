"""A page's view restrictions, remembered per town.

Wagtail checks a page's view restrictions (private to logged-in users, to groups, or
behind a password) before serving it (the ``before_serve_page`` hook). Finding them costs
two statements on every request: the page's ancestors, then the restrictions of any of
them. A town's restrictions change only when an editor changes a page's privacy or moves
a page, and both make the town's cached pages stale (``cms.signals``). So the ids of the
restrictions that apply to a page are kept in the town memo, under the same generation.
A page with none (nearly every page) then needs no statement at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

from eurzad.core.town_memo import town_memo

if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase  # the mixin is only ever put on a Page
else:
    _PageBase = object


class RememberedViewRestrictions(_PageBase):
    """Put before ``Page`` in a page model's bases."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if self.pk is None:  # a page being created (a preview): nothing to remember
            return Page.get_view_restrictions(self)

        def restriction_ids() -> list[int]:
            return list(Page.get_view_restrictions(self).values_list("pk", flat=True))

        ids = town_memo.remember(("view-restrictions", self.pk), restriction_ids)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
