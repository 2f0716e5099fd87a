"""Whom a resident may act for: themselves, and Parties they hold a valid mandate for."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party


def active_mandates(resident: Resident, on: date | None = None) -> QuerySet[Representation]:
    day = on or timezone.localdate()
    return Representation.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        resident=resident,
        valid_from__lte=day,
        revoked_at__isnull=True,
    ).select_related("party")


def parties_for(resident: Resident, scope: str = Representation.Scope.VIEW) -> list[Party]:
    """The resident's own Party first, then every Party they may act for in ``scope``."""
    mandates = active_mandates(resident)
    if scope == Representation.Scope.PAY:
        mandates = mandates.filter(scope=Representation.Scope.PAY)
    own = [resident.party] if resident.party else []
    return own + [mandate.party for mandate in mandates]


def may_act_for(resident: Resident, party: Party, scope: str = Representation.Scope.VIEW) -> bool:
    return any(candidate.pk == party.pk for candidate in parties_for(resident, scope))
