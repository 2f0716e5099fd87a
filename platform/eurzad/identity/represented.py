"""Telling a person that someone else acts for them: a mandate granted over them, their
data opened by their representative, a payment made in their name. The represented
person is told in the portal, when they have an account (every account matched to
them), and by e-mail as their preferences allow; a person without an account, at the
e-mail address the office has for them, if any."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from eurzad.identity.models import Representation, Resident
from eurzad.notifications.services import send
from eurzad.parties.models import Party


def representative_name(resident: Resident) -> str:
    """How the represented person is told who acted: the name the office has."""
    return resident.display_name or resident.user.get_username()


def tell_represented(party: Party, kind: str, context: dict[str, Any], *, key: str) -> int:
    """Tell ``party`` about something of ``kind`` done in their name (once per ``key``);
    how many were told."""
    told = 0
    for account in Resident.objects.filter(party=party).select_related("user"):
        told += send(kind, account.user, context, party=party, key=key) is not None
    if not told and party.email:
        told += send(kind, None, context, party=party, key=key, email=party.email) is not None
    return told


def tell_acted_for(resident: Resident, party: Party) -> None:
    """``resident`` switched to acting for ``party``: told at most once a day."""
    if party.pk == resident.party_id:
        return
    today = timezone.localdate()
    tell_represented(
        party,
        "acted_for",
        {"representative": representative_name(resident), "day": today},
        key=f"acted-for-{resident.pk}-{party.pk}-{today.isoformat()}",
    )


@receiver(post_save, sender=Representation)
def mandate_granted(instance: Representation, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        tell_represented(
            instance.party,
            "mandate_granted",
            {"representation": instance},
            key=f"mandate-{instance.pk}",
        )
