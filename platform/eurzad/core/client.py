"""Who is on the other end of a request: the one rule the platform uses for a client's
address (the audit logs, the operator console, the login lockouts, the integration API's
allow-lists, what a payment gateway is told).

The TCP peer (``REMOTE_ADDR``) is the client, unless it is one of our own proxies
(``TRUSTED_PROXIES``: the file server beside gunicorn, the ingress controller). Then the
client is the right-most address in ``X-Forwarded-For`` that is not one of them: each of
our proxies appends the address it saw, so everything to the right of the first stranger
was written by us, and whatever a caller puts in the header itself stays on the left,
where it is never read. With no trusted proxies configured the header is ignored.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str, trusted: tuple[str, ...]) -> str:
    """The client's address from the peer address, the ``X-Forwarded-For`` header and the
    trusted proxies (addresses or networks)."""
    networks = _networks(trusted)
    if not networks or not _is_trusted(peer, networks):
        return peer
    client = peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        try:
            client = str(ipaddress.ip_address(hop))
        except ValueError:  # garbage in the header: stop at the last address we know
            break
        if not _is_trusted(client, networks):
            break
    return client


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address of ``request`` (see the module's docstring)."""
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or ""
    return (
        client_address(
            peer,
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            tuple(settings.TRUSTED_PROXIES),
        )
        or None
    )
