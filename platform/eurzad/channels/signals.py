"""A channel's configuration changed: the town's pages show its addresses
(``eurzad.channels.addresses``), so they are stale — except after a poll, which records
only when it ran and what failed."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eurzad.channels.models import ChannelConfig
from eurzad.core.page_cache import town_changed

#: What a poll writes (channels.services); nothing residents see.
_POLL_FIELDS = frozenset({"last_error", "last_polled_at"})


@receiver(post_save, sender=ChannelConfig)
def channel_saved(update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
    if update_fields is None or not set(update_fields) <= _POLL_FIELDS:
        town_changed()


@receiver(post_delete, sender=ChannelConfig)
def channel_deleted(**kwargs: Any) -> None:
    town_changed()
