"""Page permissions that cost no query per row of the admin's page listings.

For an editor without the publish permission (the Editors group: publishing goes through
moderation), Wagtail decides whether a page may be deleted or moved by asking the
database whether the page or any page below it is live (or not the editor's own):
``PagePermissionTester.can_delete`` in wagtail/models/pages.py. The explorer and the
admin page search ask it twice for every row (the "Move" and "Delete" items of the row's
menu): 100 queries for a listing page of 50 news items. A page without children is the
only page of its subtree, so its own row answers the same question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PagePermissionTester

if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase  # the mixin is only ever put on a Page
else:
    _PageBase = object


class LeafPagePermissionTester(PagePermissionTester):
    """Wagtail's rules; for a page without children, answered from its own row."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        page, user = self.page, self.user
        if self.page_is_root or not user.is_active or user.is_superuser or not page.is_leaf():
            return super().can_delete(ignore_bulk)
        # Wagtail's conditions on "the page and its descendants", for the page alone.
        if "change" in self.permissions:
            return "publish" in self.permissions or not page.live
        if "add" in self.permissions:
            own = page.owner_id is not None and page.owner_id == user.pk
            return own if "publish" in self.permissions else own and not page.live
        return False


class LeafPagePermissions(_PageBase):
    """Put before ``Page`` in a page model's bases: its permission tester answers
    delete and move from the page's row when the page has no children."""

    def permissions_for_user(self, user: AbstractBaseUser | AnonymousUser) -> PagePermissionTester:
        return LeafPagePermissionTester(user, self)
