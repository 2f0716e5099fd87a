"""The town's addresses for electronic letters, as residents see them (the footer, the
contact page, the mobile app): the ePUAP box and the e-Doręczenia address of the town's
enabled channels — the very addresses the channels send from and receive at, so that
what a resident reads is where letters arrive. Remembered per town until the town
changes (:mod:`eurzad.core.town_memo`); saving a channel is such a change."""

from __future__ import annotations

from dataclasses import dataclass

from eurzad.channels.models import ChannelConfig
from eurzad.core.town_memo import town_memo


@dataclass(frozen=True)
class TownAddresses:
    epuap: str = ""  # the ePUAP box, /podmiot/skrytka
    edoreczenia: str = ""  # the address for e-Doręczenia, AE:PL-…


def town_addresses() -> TownAddresses:
    """The addresses of the current town's enabled channels ('' for a channel it has
    not enabled)."""
    return town_memo.remember("channel-addresses", _load)


def _load() -> TownAddresses:
    found = {config.kind: config.address for config in ChannelConfig.objects.filter(enabled=True)}
    return TownAddresses(
        epuap=found.get(ChannelConfig.Kind.EPUAP, ""),
        edoreczenia=found.get(ChannelConfig.Kind.EDORECZENIA, ""),
    )
