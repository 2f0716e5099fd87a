"""Who may call what."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from eurzad.identity.models import MobileDevice


class IsPairedDevice(BasePermission):
    """The caller is a phone paired with a resident's account of this town."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.auth, MobileDevice)
