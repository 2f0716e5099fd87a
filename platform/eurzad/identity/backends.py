"""The authentication backend of residents' sessions: Django's model backend, whose
per-request user lookup on a town's host brings along what every page of a logged-in
resident needs: their Resident and Party, and whether they hold any mandate in force
(most hold none: then nobody asks for their mandates again)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from eurzad.accounts.models import User
from eurzad.core.postgresql.connection import connection
from eurzad.identity.models import Representation
from eurzad.identity.representation import in_force

#: The user's flag set by :class:`ResidentSessionBackend`: False when the user holds no
#: mandate in force today (then ``eurzad.identity.acting.mandates_of`` reads none).
REPRESENTS_OTHERS = "represents_others"


class ResidentSessionBackend(ModelBackend):
    """Only the session's backend: it checks no credentials (``authenticate`` declines),
    so a password login is still the model backend's, counted once by django-axes."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None,
        password: str | None = None, **kwargs: Any,
    ) -> User | None:  # fmt: skip
        return None

    def get_user(self, user_id: Any) -> User | None:
        users = User._default_manager.all()
        if connection.schema_name != get_public_schema_name():  # residents live in towns
            mandates = Representation.objects.filter(in_force(), resident__user=OuterRef("pk"))
            users = users.select_related("resident__party").annotate(
                **{REPRESENTS_OTHERS: Exists(mandates)}
            )
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
