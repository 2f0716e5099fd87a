"""Opening a resident's account: the one place that links a login to a Party."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from eurzad.identity.models import Resident
from eurzad.parties.models import Party


@transaction.atomic
def open_account(party: Party, *, first_name: str, last_name: str, email: str = "") -> Resident:
    """The Party's account, created if it has none. The username is random: never the
    PESEL (it appears in admin lists and logs)."""
    resident = Resident.objects.filter(party=party).select_related("user").first()
    if resident is not None:
        if email and not resident.user.email:
            resident.user.email = email
            resident.user.save(update_fields=["email"])
        return resident
    user = get_user_model().objects.create_user(
        username=f"r-{secrets.token_hex(8)}",
        first_name=first_name[:150],
        last_name=last_name[:150],
        email=email,
    )
    user.set_unusable_password()
    user.save()
    return Resident.objects.create(user=user, party=party)
