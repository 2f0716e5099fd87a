"""HTTP to the push services. ``*.localhost`` names (the stand-in on a town's host in
the demo and tests) are sent to 127.0.0.1 with the name in the Host header, as RFC 6761
reserves them for loopback and not every resolver knows that."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests

TIMEOUT_SECONDS = 15

try:  # HTTP/2 (required by Apple's production APNs) when httpx and h2 are installed.
    import h2  # noqa: F401
    import httpx

    HTTP2_AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the installation
    HTTP2_AVAILABLE = False  # httpx is then never used


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""

    def json(self) -> dict:
        import json

        try:
            value = json.loads(self.text or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


class Unreachable(OSError):
    """No answer: connection refused, reset or timed out."""


def _loopback(url: str, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "http" and host.endswith(".localhost"):
        headers = {**headers, "Host": parts.netloc}
        netloc = "127.0.0.1" + (f":{parts.port}" if parts.port else "")
        url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return url, headers


def post(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
    data: dict[str, str] | None = None,
    http2: bool = False,
) -> Answer:
    """POST and return the answer whatever its status; raises :class:`Unreachable` when
    there is none."""
    url, headers = _loopback(url, dict(headers or {}))
    if http2 and HTTP2_AVAILABLE and url.startswith("https://"):
        try:
            with httpx.Client(http2=True, timeout=TIMEOUT_SECONDS) as client:
                response = client.post(url, headers=headers, content=content, data=data)
        except httpx.HTTPError as error:
            raise Unreachable(str(error)) from None
        return Answer(response.status_code, dict(response.headers), response.text)
    try:
        reply = requests.post(
            url, headers=headers, data=content if content is not None else data,
            timeout=TIMEOUT_SECONDS, allow_redirects=False,
        )  # fmt: skip
    except requests.RequestException as error:
        raise Unreachable(str(error)) from None
    return Answer(reply.status_code, dict(reply.headers), reply.text)
