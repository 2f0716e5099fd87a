"""Whom a resident may act for: themselves, and Parties they hold a valid mandate for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party

# Each scope includes the ones before it.
SCOPES: list[str] = [
    Representation.Scope.VIEW,
    Representation.Scope.PAY,
    Representation.Scope.FILE,
]


def in_force(on: date | None = None) -> Q:
    """Mandates in force on the day (today by default): begun, not ended, not revoked."""
    day = on or timezone.localdate()
    return (Q(valid_until__isnull=True) | Q(valid_until__gte=day)) & Q(
        valid_from__lte=day, revoked_at__isnull=True
    )


def active_mandates(resident: Resident, on: date | None = None) -> QuerySet[Representation]:
    return Representation.objects.filter(in_force(on), resident=resident).select_related("party")


def parties_for(resident: Resident, scope: str = Representation.Scope.VIEW) -> list[Party]:
    """The resident's own Party first, then every Party they may act for in ``scope``."""
    return parties_among(resident, active_mandates(resident), scope)


def parties_among(
    resident: Resident, mandates: Iterable[Representation], scope: str = Representation.Scope.VIEW
) -> list[Party]:
    """:func:`parties_for` from the resident's active ``mandates`` read before (all of
    them, whatever their scope)."""
    own = [resident.party] if resident.party else []
    needed = SCOPES.index(scope)
    return own + [mandate.party for mandate in mandates if SCOPES.index(mandate.scope) >= needed]


def may_act_for(resident: Resident, party: Party, scope: str = Representation.Scope.VIEW) -> bool:
    return any(candidate.pk == party.pk for candidate in parties_for(resident, scope))
