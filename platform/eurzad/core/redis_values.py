"""Values read back from Redis by clients that do not decode responses (the simulators'
stores): redis-py types them ``bytes | str``, for either kind of client."""

from __future__ import annotations


def decoded(value: bytes | str) -> str:
    """The text of a value read from Redis."""
    return value.decode() if isinstance(value, bytes) else value
