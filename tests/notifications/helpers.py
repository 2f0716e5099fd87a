"""Residents and notifications for the notification tests."""

from __future__ import annotations

from datetime import date
from itertools import count

from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from eurzad.identity.models import AccessRequest, Resident
from eurzad.parties.models import Party

_numbers = count(1)


def resident(schema: str, *, email: str = "anna@example.org", **kwargs: object) -> Resident:
    """A resident with an e-mail address and both master switches on unless told."""
    number = next(_numbers)
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"notify-test-{number}", email=email)
        party = Party.objects.create(
            kind=Party.Kind.NATURAL, first_name="Anna", last_name=f"Nowak {number}"
        )
        return Resident.objects.create(user=user, party=party, **kwargs)


def access_request(number: int = 7) -> AccessRequest:
    """An access request as a notification's context sees it (not stored)."""
    return AccessRequest(
        reference=f"WD/2030/{number:05d}", due_on=date(2030, 3, 20), rejection_reason="x"
    )
