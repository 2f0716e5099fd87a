"""The simulators' own HTTP client: a notification POSTed to the town's notify address,
``*.localhost`` names sent to 127.0.0.1 with the Host header (the demo and the tests run
every town on one local server)."""

from __future__ import annotations

import http.client
from collections.abc import Mapping
from urllib.parse import urlsplit

__all__ = ["post"]

TIMEOUT_SECONDS = 30


def post(url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
    """POST ``body``; returns the status and the answer. Raises OSError when the address
    cannot be reached."""
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    connect_to = "127.0.0.1" if host == "localhost" or host.endswith(".localhost") else host
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(connect_to, parts.port, timeout=TIMEOUT_SECONDS)
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", path, body=body, headers={"Host": parts.netloc, **headers})
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()
