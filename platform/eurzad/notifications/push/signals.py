"""An unpaired phone's tokens die with it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from eurzad.notifications.push import services


# The sender by its label: the push app does not import identity (it sits below it).
@receiver(post_save, sender="identity.MobileDevice", dispatch_uid="push-device-revoked")
def device_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    if instance.revoked_at is not None:
        services.device_revoked(instance)
