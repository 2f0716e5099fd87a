"""One-time values (SAML artifacts, request ids): the second use is refused.

Recorded in the town's schema (:class:`eurzad.identity.models.UsedValue`), so a replay is
refused — and a first use accepted — whether or not Redis answers."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from eurzad.identity.models import UsedValue

ARTIFACT_TTL = 600


def first_use(kind: str, value: str, ttl: int = ARTIFACT_TTL) -> bool:
    """True the first time ``value`` of ``kind`` is seen in this town, False ever after
    (within ``ttl``)."""
    now = timezone.now()
    digest = hashlib.sha256(value.encode()).hexdigest()
    UsedValue.objects.filter(expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            UsedValue.objects.create(
                kind=kind, digest=digest, expires_at=now + timedelta(seconds=ttl)
            )
    except IntegrityError:
        return False
    return True
