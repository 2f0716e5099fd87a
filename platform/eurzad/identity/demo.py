"""The demo account (login ``demo`` / ``demo``): a sandbox Party with sample data, for
trying the e-Urząd without registering. Per-town switch in the admin (Ustawienia → Konta
mieszkańców). The account is marked ``is_demo``: it changes nothing real and pays nothing."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from eurzad.identity.models import AccountSettings, Representation, Resident
from eurzad.notifications.models import Notification
from eurzad.notifications.services import send
from eurzad.parties.models import Party

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo"  # noqa: S105 - public by design: the sandbox holds no real data
DEMO_USERNAME = "demo-mieszkaniec"
DEMO_FIRM_NIP = "5260250274"

# The sandbox's sample data (obligations, payments, …) comes from whoever owns it,
# registered from an AppConfig.ready (the demo app registers its finances): identity
# knows none of it. Each one must be idempotent.
_sample_data: list[Callable[[], None]] = []


def register_sample_data(fill: Callable[[], None]) -> None:
    """Have ``fill`` run whenever the demo account is ensured (once per function)."""
    if fill not in _sample_data:
        _sample_data.append(fill)


def credentials_match(login: str, password: str) -> bool:
    return secrets.compare_digest(login.strip().lower(), DEMO_LOGIN) and secrets.compare_digest(
        password, DEMO_PASSWORD
    )


def demo_enabled() -> bool:
    return AccountSettings.load().demo_account_enabled


@transaction.atomic
def ensure_demo_account() -> Resident:
    """The sandbox resident and its sample data; running it again changes nothing."""
    party, _created = Party.objects.get_or_create(
        external_id="demo:mieszkaniec",
        defaults={
            "kind": Party.Kind.NATURAL,
            "first_name": "Anna",
            "last_name": "Przykładowa (demo)",
            "street": "ul. Przykładowa 1",
            "postal_code": "00-001",
            "city": "Demonstracyjno",
        },
    )
    firm, _created = Party.objects.get_or_create(
        external_id="demo:firma",
        defaults={
            "kind": Party.Kind.LEGAL,
            "name": "Piekarnia Przykładowa sp. z o.o. (demo)",
            "nip": DEMO_FIRM_NIP if not Party.objects.filter(nip=DEMO_FIRM_NIP).exists() else "",
            "street": "ul. Chlebowa 2",
            "postal_code": "00-002",
            "city": "Demonstracyjno",
        },
    )
    user, _created = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "Anna", "last_name": "Przykładowa", "email": ""},
    )
    if user.has_usable_password():
        user.set_unusable_password()  # only the demo login opens it, never the admin
        user.save()
    resident, _created = Resident.objects.get_or_create(
        user=user, defaults={"party": party, "is_demo": True, "notify_by_email": False}
    )
    Representation.objects.get_or_create(
        resident=resident,
        party=firm,
        defaults={"scope": Representation.Scope.PAY, "valid_from": timezone.localdate()},
    )
    if not Notification.objects.filter(recipient=user).exists():
        send("demo_welcome", user, {}, key="demo-welcome")
    for fill in _sample_data:
        fill()
    return resident
