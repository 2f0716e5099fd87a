"""The authentication backend of residents' sessions: Django's model backend, whose
per-request user lookup on a town's host brings along what every page of a logged-in
resident needs: their Resident and Party, and whether they hold any mandate in force
(most hold none: then nobody asks for their mandates again)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from eurzad.accounts.models import User
from eurzad.core.postgresql.compiled import CompiledQuery
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
        if connection.schema_name == get_public_schema_name():  # staff of the platform
            user = User._default_manager.filter(pk=user_id).first()
        else:  # residents live in towns
            try:
                user_id = int(user_id)
            except (TypeError, ValueError):
                return None
            found = _SESSION_USER.instances(user_id=user_id, today=timezone.localdate())
            user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None


def _session_user(user_id: int, today: date) -> QuerySet[User]:
    """The user of a town's session with their Resident, Party and mandates flag."""
    mandates = Representation.objects.filter(in_force(today), resident__user=OuterRef("pk"))
    return (
        User._default_manager.select_related("resident__party")
        .annotate(**{REPRESENTS_OTHERS: Exists(mandates)})
        .filter(pk=user_id)
    )


#: Built once: every request of a logged-in resident runs it.
_SESSION_USER = CompiledQuery(_session_user, user_id=-7_001, today=date(1901, 2, 3))
