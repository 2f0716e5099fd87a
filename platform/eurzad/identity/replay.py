"""One-time values (SAML artifacts, request ids): the second use is refused."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

ARTIFACT_TTL = 600


def first_use(kind: str, value: str, ttl: int = ARTIFACT_TTL) -> bool:
    """True the first time ``value`` of ``kind`` is seen in this town, False ever after
    (within ``ttl``; cache keys are per town)."""
    digest = hashlib.sha256(value.encode()).hexdigest()
    return cache.add(f"once:{kind}:{digest}", 1, timeout=ttl)
