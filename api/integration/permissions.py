"""Scopes of the integration API: each view names its ``required_scope``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from api.models import ApiClient


class HasScope(BasePermission):
    """The caller is an API client of this town with the view's ``required_scope``."""

    message = _("Klucz API nie ma zakresu potrzebnego do tej operacji.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        self.message = _("Klucz API nie ma zakresu „%(scope)s”.") % {
            "scope": view.required_scope  # type: ignore[attr-defined]
        }
        return client.has_scope(view.required_scope)  # type: ignore[attr-defined]
