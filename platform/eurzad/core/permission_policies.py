"""Permission policies shared by the apps' admin views."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from wagtail.permission_policies import ModelPermissionPolicy


class RecordsPolicy(ModelPermissionPolicy):
    """Rows that are the office's records: the ``refused`` actions are nobody's, whatever
    their permissions; the others as the model's permissions say."""

    refused: frozenset[str] = frozenset()

    def user_has_permission(self, user: AbstractBaseUser | AnonymousUser, action: str) -> bool:
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(
        self, user: AbstractBaseUser | AnonymousUser, actions: Iterable[str]
    ) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
