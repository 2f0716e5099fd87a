"""Who may do what with the cases' records in the Wagtail admin."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from wagtail.permission_policies import ModelPermissionPolicy


class DeliveriesAreRecords(ModelPermissionPolicy):
    """Deliveries come only from sending a letter, and stay: nobody adds or deletes one."""

    def user_has_permission(self, user: AbstractBaseUser | AnonymousUser, action: str) -> bool:
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(
        self, user: AbstractBaseUser | AnonymousUser, actions: Iterable[str]
    ) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
