"""An unpaired phone's tokens die with it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from eurzad.identity.models import MobileDevice
from eurzad.notifications.push import services


@receiver(post_save, sender=MobileDevice, dispatch_uid="push-device-revoked")
def device_saved(sender: type[MobileDevice], instance: MobileDevice, **kwargs: Any) -> None:
    if instance.revoked_at is not None:
        services.device_revoked(instance)
