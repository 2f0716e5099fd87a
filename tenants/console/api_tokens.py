"""Operator API tokens: ``eop_<prefix>_<secret>``, shown once, stored as SHA-256."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from eurzad.core import keys
from tenants.console.models import Operator, OperatorApiToken

PREFIX = "eop"


@dataclass(frozen=True)
class IssuedToken:
    name: str
    token: str
    row: OperatorApiToken


def issue(operator: Operator, name: str) -> IssuedToken:
    """A new token for ``operator``; the plaintext exists only in the returned value."""
    prefix = keys.new_prefix(4)
    token = f"{PREFIX}_{prefix}_{keys.new_secret()}"
    row = OperatorApiToken.objects.create(
        operator=operator, name=name, prefix=prefix, key_hash=keys.digest(token)
    )
    return IssuedToken(name, token, row)


def authenticate(token: str) -> Operator | None:
    """The operator of a live token whose 2FA is set up, or ``None``."""
    parts = token.split("_")
    if len(parts) < 3 or parts[0] != PREFIX:
        return None
    row = (
        OperatorApiToken.objects.select_related("operator__user")
        .filter(prefix=parts[1], key_hash=keys.digest(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.operator.is_enrolled or not row.operator.user.is_active:
        return None
    OperatorApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.operator


def revoke(token: OperatorApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
