"""Scopes of the integration API: each view names its ``required_scope``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from api.models import ApiClient

if TYPE_CHECKING:
    from api.integration.views import IntegrationView


class HasScope(BasePermission):
    """The caller is an API client of this town with the view's ``required_scope``."""

    message = _("Klucz API nie ma zakresu potrzebnego do tej operacji.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        scope = cast("IntegrationView", view).required_scope  # HasScope guards those only
        self.message = _("Klucz API nie ma zakresu „%(scope)s”.") % {"scope": scope}
        return client.has_scope(scope)
