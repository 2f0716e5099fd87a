"""The client's address: the peer, or behind our own proxies the right-most address in
X-Forwarded-For that is not one of them — a header the caller writes never picks it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from eurzad.core.client import client_address, client_ip

PROXIES = ("127.0.0.1", "10.0.0.0/8", "fd00::/8")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "expected"),
    [
        # No trusted proxies: the header is ignored, whatever it says.
        ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),
        ("127.0.0.1", "198.51.100.1", (), "127.0.0.1"),
        # A stranger as the peer: its header is not read.
        ("203.0.113.7", "198.51.100.1", PROXIES, "203.0.113.7"),
        # File server -> ingress -> client.
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", PROXIES, "198.51.100.1"),
        # The caller's own header stays on the left and is never read.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3", PROXIES, "198.51.100.1"),
        ("127.0.0.1", "10.9.9.9, 198.51.100.1, 10.1.2.3", PROXIES, "198.51.100.1"),
        # Garbage in the header: the last address we know.
        ("127.0.0.1", "nonsense, 10.1.2.3", PROXIES, "10.1.2.3"),
        ("127.0.0.1", "", PROXIES, "127.0.0.1"),
        # IPv6 clients and proxies.
        ("127.0.0.1", "2001:db8::5, fd00::1", PROXIES, "2001:db8::5"),
    ],
)
def test_client_address(peer, forwarded_for, trusted, expected):
    assert client_address(peer, forwarded_for, trusted) == expected


def test_client_ip_reads_the_trusted_proxies_setting(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1, 10.1.2.3"
    )
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXIES = list(PROXIES)
    assert client_ip(request) == "198.51.100.1"
