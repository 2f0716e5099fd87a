"""Pairing the phone with PESEL and PIN, the device token, and its revocation."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.identity.demo import ensure_demo_account
from eurzad.identity.models import MobileDevice, Resident
from eurzad.identity.pin import MAX_FAILURES
from tests.api.mobile.helpers import (
    API,
    PIN,
    api_client,
    new_pesel,
    paired_token,
    resident_with_pin,
)
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST

PAIR = f"{API}/pair/"
GENERIC = "Błędny PESEL lub PIN."


def _pair(host: str, pesel: str, pin: str, **headers: str):  # type: ignore[no-untyped-def]
    return api_client(host, **headers).post(
        PAIR,
        {"pesel": pesel, "pin": pin, "device_name": "Telefon Ewy"},
        content_type="application/json",
    )


def test_resident_pairs_with_pesel_and_pin_and_gets_a_working_token(towns):
    resident = resident_with_pin("zembrzyce")
    answer = _pair(ZEMBRZYCE_HOST, resident.party.pesel, PIN)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert set(body) == {"token", "device"}
    assert body["device"]["name"] == "Telefon Ewy"
    assert answer["Cache-Control"] == "no-store"
    with schema_context("zembrzyce"):
        device = MobileDevice.objects.get(pk=body["device"]["id"])
        assert device.resident_id == resident.pk and body["token"] not in device.token_hash
    me = api_client(ZEMBRZYCE_HOST, body["token"]).get(f"{API}/me/")
    assert me.status_code == 200
    assert me.json()["device"]["id"] == device.pk


def test_pesel_typed_with_spaces_is_normalised(towns):
    resident = resident_with_pin("zembrzyce")
    pesel = resident.party.pesel
    answer = _pair(ZEMBRZYCE_HOST, f"{pesel[:6]} {pesel[6:]}", PIN)
    assert answer.status_code == 201, answer.content


def test_wrong_pesel_and_wrong_pin_get_the_same_generic_401(towns):
    resident = resident_with_pin("zembrzyce")
    unknown = _pair(ZEMBRZYCE_HOST, new_pesel(), PIN)
    wrong_pin = _pair(ZEMBRZYCE_HOST, resident.party.pesel, "9999")
    for answer in (unknown, wrong_pin):
        assert answer.status_code == 401
        assert answer["Content-Type"] == "application/problem+json"
        body = answer.json()
        assert body["detail"] == GENERIC
        assert body["type"].endswith("/pairing-failed")
    assert unknown.json() == wrong_pin.json()


def test_resident_without_a_pin_cannot_pair(towns):
    resident = resident_with_pin("zembrzyce", pin="")
    assert _pair(ZEMBRZYCE_HOST, resident.party.pesel, PIN).json()["detail"] == GENERIC


@pytest.mark.parametrize(
    ("pesel", "pin", "field"),
    [("1234", PIN, "pesel"), ("44051401358", PIN, "pesel"), (None, "12", "pin"),
     (None, "12345678901", "pin"), (None, "12a4", "pin")],
)  # fmt: skip
def test_malformed_pesel_or_pin_is_a_400_with_field_errors(towns, pesel, pin, field):
    answer = _pair(ZEMBRZYCE_HOST, pesel or new_pesel(), pin)
    assert answer.status_code == 400
    body = answer.json()
    assert body["status"] == 400 and field in body["errors"]


def test_missing_fields_are_named(towns):
    answer = api_client(ZEMBRZYCE_HOST).post(PAIR, {}, content_type="application/json")
    assert answer.status_code == 400
    assert {"pesel", "pin"} <= set(answer.json()["errors"])


def test_five_wrong_pins_lock_pairing_even_for_the_right_pin(towns):
    resident = resident_with_pin("zembrzyce")
    pesel = resident.party.pesel
    for _attempt in range(MAX_FAILURES - 1):
        assert _pair(ZEMBRZYCE_HOST, pesel, "0000").status_code == 401
    locked = _pair(ZEMBRZYCE_HOST, pesel, "0000")
    assert locked.status_code == 423
    body = locked.json()
    assert body["type"].endswith("/pairing-locked")
    assert "locked_until" in body
    assert 14 * 60 <= int(locked["Retry-After"]) <= 15 * 60 + 1
    right_pin = _pair(ZEMBRZYCE_HOST, pesel, PIN)
    assert right_pin.status_code == 423
    with schema_context("zembrzyce"):
        assert not MobileDevice.objects.filter(resident=resident).exists()
        assert Resident.objects.get(pk=resident.pk).pairing_locked_until > timezone.now()


def test_demo_account_cannot_pair(towns):
    with schema_context("glogow"):
        demo = ensure_demo_account()
        # Even had a PIN slipped in, the demo account is shared: no phone may own it.
        demo.party.pesel = new_pesel()
        demo.party.save()
        from eurzad.identity.pin import set_pin

        set_pin(demo, PIN)
    answer = _pair(GLOGOW_HOST, demo.party.pesel, PIN)
    assert answer.status_code == 401
    with schema_context("glogow"):
        assert not MobileDevice.objects.filter(resident=demo).exists()


def test_a_zembrzyce_resident_cannot_pair_on_glogows_host(towns):
    resident = resident_with_pin("zembrzyce")
    answer = _pair(GLOGOW_HOST, resident.party.pesel, PIN)
    assert answer.status_code == 401 and answer.json()["detail"] == GENERIC


def test_the_device_describes_itself(towns):
    resident = resident_with_pin("zembrzyce")
    token = paired_token("zembrzyce", resident)
    answer = api_client(ZEMBRZYCE_HOST, token).get(f"{API}/device/")
    assert answer.status_code == 200
    assert answer.json()["name"] == "Telefon testowy"


def test_revoked_device_token_stops_working_at_once(towns):
    resident = resident_with_pin("zembrzyce")
    token = paired_token("zembrzyce", resident)
    client = api_client(ZEMBRZYCE_HOST, token)
    assert client.get(f"{API}/me/").status_code == 200
    assert client.delete(f"{API}/device/").status_code == 204
    after = client.get(f"{API}/me/")
    assert after.status_code == 401
    assert after["Content-Type"] == "application/problem+json"
    assert after["WWW-Authenticate"].startswith("Bearer")
    with schema_context("zembrzyce"):
        assert MobileDevice.objects.get(resident=resident).revoked_at is not None


def test_english_problem_messages_with_accept_language_en(towns):
    answer = api_client(ZEMBRZYCE_HOST, "not-a-token", language="en").get(f"{API}/me/")
    assert answer.status_code == 401
    body = answer.json()
    assert body["title"] == "Authentication required"
    assert set(body) >= {"type", "title", "status", "detail"}
    polish = api_client(ZEMBRZYCE_HOST, "not-a-token").get(f"{API}/me/").json()
    assert polish["title"] == "Wymagane uwierzytelnienie"
