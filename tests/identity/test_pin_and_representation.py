"""Mobile PIN and device pairing; acting for represented Parties."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.identity.models import Representation, Resident
from eurzad.identity.pin import (
    MAX_FAILURES,
    PairingLocked,
    WrongPin,
    device_for_token,
    pair_device,
    revoke_device,
    set_pin,
)
from eurzad.identity.representation import may_act_for, parties_for
from eurzad.parties.models import Party


def _resident(name: str = "Anna") -> Resident:
    user = get_user_model().objects.create_user(username=f"r-{name.lower()}")
    party = Party.objects.create(kind="natural", first_name=name, last_name="Nowak")
    return Resident.objects.create(user=user, party=party)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "1111"])
def test_bad_pins_are_refused_with_a_clear_message(towns, pin):
    with schema_context("zembrzyce"):
        resident = _resident()
        with pytest.raises(ValidationError):
            set_pin(resident, pin)
        assert resident.pin_hash == ""


def test_pin_is_hashed_and_exchanged_for_a_device_token(towns):
    with schema_context("zembrzyce"):
        resident = _resident()
        set_pin(resident, "4821")
        resident.refresh_from_db()
        assert "4821" not in resident.pin_hash
        token = pair_device(resident, "4821", "Telefon Anny")
        device = device_for_token(token)
        assert device is not None and device.resident == resident
        assert token not in device.token_hash
        assert AuditEvent.objects.filter(action="device_paired", user=resident.user).exists()


def test_five_wrong_pins_lock_pairing_for_fifteen_minutes(towns):
    with schema_context("zembrzyce"):
        resident = _resident()
        set_pin(resident, "4821")
        for attempt in range(1, MAX_FAILURES):
            with pytest.raises(WrongPin) as wrong:
                pair_device(resident, "0000", "x")
            assert wrong.value.attempts_left == MAX_FAILURES - attempt
        with pytest.raises(PairingLocked) as locked:
            pair_device(resident, "0000", "x")
        assert "Zbyt wiele błędnych PIN-ów." in str(locked.value)
        with pytest.raises(PairingLocked):
            pair_device(resident, "4821", "x")  # even the right PIN, while locked
        resident.refresh_from_db()
        assert resident.pairing_locked_until - timezone.now() > timedelta(minutes=14)
        assert AuditEvent.objects.filter(action="pin_failed").count() == MAX_FAILURES


def test_revoked_device_token_stops_working_at_once(towns):
    with schema_context("zembrzyce"):
        resident = _resident()
        set_pin(resident, "4821")
        token = pair_device(resident, "4821", "Telefon")
        revoke_device(device_for_token(token))
        assert device_for_token(token) is None


def test_device_token_of_one_town_is_unknown_in_the_other(towns):
    with schema_context("zembrzyce"):
        resident = _resident()
        set_pin(resident, "4821")
        token = pair_device(resident, "4821", "Telefon")
    with schema_context("glogow"):
        assert device_for_token(token) is None


def test_resident_acts_for_represented_parties_within_scope_and_dates(towns):
    today = timezone.localdate()
    with schema_context("glogow"):
        resident = _resident("Piotr")
        firm = Party.objects.create(kind="legal", name="Hurtownia Odra", nip="1234563218")
        mother = Party.objects.create(kind="natural", first_name="Maria", last_name="Nowak")
        expired = Party.objects.create(kind="natural", first_name="Jan", last_name="Stary")
        Representation.objects.create(
            resident=resident, party=firm, scope="pay", valid_from=today - timedelta(days=10)
        )
        Representation.objects.create(
            resident=resident, party=mother, scope="view", valid_from=today
        )
        Representation.objects.create(
            resident=resident,
            party=expired,
            scope="pay",
            valid_from=today - timedelta(days=100),
            valid_until=today - timedelta(days=1),
        )
        acting = parties_for(resident)
        assert acting[0] == resident.party
        assert {p.pk for p in acting} == {resident.party.pk, firm.pk, mother.pk}
        assert {p.pk for p in parties_for(resident, "pay")} == {resident.party.pk, firm.pk}
        assert may_act_for(resident, mother) and not may_act_for(resident, mother, "pay")
        assert not may_act_for(resident, expired)
