"""Who calls the API: a paired phone (``Authorization: Bearer <device token>``).

The token is the one :func:`eurzad.identity.pin.pair_device` returned; it is stored only
as a hash, and a revoked device stops working on its next request. The token is the
town's: the same string on another town's host finds no device there."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from eurzad.identity.models import MobileDevice
from eurzad.identity.pin import device_for_token

TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is written at most this often


class DeviceRequest(Request):
    """A request a paired phone authenticated (an annotation only, like
    :class:`eurzad.core.requests.TenantRequest`)."""

    device: MobileDevice


class DeviceTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[object, MobileDevice] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Nagłówek Authorization: Bearer <token urządzenia>.")
            )
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Nieprawidłowy token urządzenia.")) from None
        device = device_for_token(token)
        if device is None or not device.resident.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("Nieznany lub odłączony token urządzenia; sparuj aplikację ponownie.")
            )
        now = timezone.now()
        if device.last_used_at is None or now - device.last_used_at > TOUCH_EVERY:
            MobileDevice.objects.filter(pk=device.pk).update(last_used_at=now)
        cast(DeviceRequest, request).device = device  # for DeviceThrottle
        return device.resident.user, device

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'
