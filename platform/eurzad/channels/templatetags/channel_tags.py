"""``{% town_addresses as addresses %}``: the town's ePUAP box and e-Doręczenia address
(``eurzad.channels.addresses``)."""

from __future__ import annotations

from django import template

from eurzad.channels.addresses import TownAddresses
from eurzad.channels.addresses import town_addresses as _town_addresses

register = template.Library()


@register.simple_tag
def town_addresses() -> TownAddresses:
    return _town_addresses()
