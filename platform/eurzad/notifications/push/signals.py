"""Alerts going live are pushed; an unpaired phone's tokens die with it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from cms.models import Alert
from eurzad.identity.models import MobileDevice
from eurzad.notifications.push import services


@receiver(post_save, sender=Alert, dispatch_uid="push-alert-saved")
def alert_saved(sender: type[Alert], instance: Alert, **kwargs: Any) -> None:
    """An alert has no draft state: it is published while its window is open. Saved
    active, it is pushed now; saved with a later start, a task waits for the start."""
    if instance.is_active:
        services.broadcast_alert(instance)
    elif instance.valid_from > timezone.now() and instance.valid_until > instance.valid_from:
        from eurzad.notifications.push.tasks import broadcast_alert_when_due

        alert_id, start = instance.pk, instance.valid_from
        transaction.on_commit(
            lambda: broadcast_alert_when_due.apply_async(args=[alert_id], eta=start)
        )


@receiver(post_save, sender=MobileDevice, dispatch_uid="push-device-revoked")
def device_saved(sender: type[MobileDevice], instance: MobileDevice, **kwargs: Any) -> None:
    if instance.revoked_at is not None:
        services.device_revoked(instance)
