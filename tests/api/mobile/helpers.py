"""Residents with a PIN, paired phones and API clients for the mobile API tests (inside a
town's schema; every test's data is rolled back with its transaction)."""

from __future__ import annotations

from itertools import count
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import schema_context

from eurzad.identity.models import Resident
from eurzad.identity.pin import pair_device, set_pin
from eurzad.parties.models import Party
from tests.conftest import host_client

API = "/api/v1/mobile"
PIN = "4821"
_numbers = count(1)
_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def new_pesel() -> str:
    """A valid PESEL no demo person has (born 1 January 1971, serial from a counter)."""
    body = f"710101{7000 + next(_numbers):04d}"
    check = (10 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 10) % 10
    return body + str(check)


def resident_with_pin(schema: str, *, pin: str = PIN, **kwargs: Any) -> Resident:
    """A resident of ``schema`` with their own natural-person Party and a PIN."""
    with schema_context(schema):
        number = next(_numbers)
        user = get_user_model().objects.create_user(
            username=f"mobile-{number}", first_name="Ewa", last_name=f"Mobilna{number}"
        )
        party = Party.objects.create(
            kind=Party.Kind.NATURAL,
            first_name="Ewa",
            last_name=f"Mobilna{number}",
            pesel=new_pesel(),
        )
        resident = Resident.objects.create(user=user, party=party, **kwargs)
        if pin:
            set_pin(resident, pin)
        return resident


def paired_token(schema: str, resident: Resident, pin: str = PIN) -> str:
    with schema_context(schema):
        return pair_device(resident, pin, "Telefon testowy")


def api_client(host: str, token: str = "", language: str = "") -> Client:
    extra: dict[str, str] = {}
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if language:
        extra["HTTP_ACCEPT_LANGUAGE"] = language
    return host_client(host, **extra)
