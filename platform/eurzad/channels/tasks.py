"""Periodic intake: each town's enabled channels are polled in the town's own schema."""

from __future__ import annotations

import logging

from eurzad.celery import app
from eurzad.channels.models import ChannelConfig
from eurzad.channels.registry import ChannelError
from eurzad.channels.services import poll
from tenants.dispatch import for_each_active_town

logger = logging.getLogger(__name__)


@app.task(name="channels.poll_intake", acks_late=True)
def poll_intake() -> dict[str, int]:
    """Poll every enabled channel of this town; returns documents taken in per channel.
    A provider that cannot be reached is noted on its configuration, not retried here:
    the next beat polls again."""
    taken_in = {}
    for config in ChannelConfig.objects.filter(enabled=True):
        try:
            taken_in[config.kind] = poll(config).taken_in
        except ChannelError:
            logger.warning("Polling %s failed; see its configuration's last error", config.kind)
            taken_in[config.kind] = -1
    return taken_in


@app.task(name="channels.poll_intake_in_all_towns")
def poll_intake_in_all_towns() -> int:
    return len(for_each_active_town(poll_intake))
