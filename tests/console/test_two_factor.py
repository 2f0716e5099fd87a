"""Operators get into the console and the operator API only past the second factor."""

from __future__ import annotations

import hashlib
import re
import time

import pyotp
import pytest
from django.conf import settings
from django.test import Client

from tenants.console import twofactor
from tenants.console.models import Operator, OperatorAction, RecoveryCode
from tests.console.conftest import api_client, console_client, make_operator, password_step

CONSOLE_PAGES = [
    "/konsola/",
    "/konsola/gminy/nowa/",
    "/konsola/gminy/odtworz/",
    "/konsola/gminy/zembrzyce/",
    "/konsola/gminy/zembrzyce/domeny/",
    "/konsola/gminy/zembrzyce/integracje/login-gov/",
    "/konsola/dziennik/",
    "/konsola/tokeny/",
    "/konsola/blokady/",
    "/konsola/gminy/zembrzyce/blokady/",
]


def test_no_console_page_without_the_totp_step(operator):
    anonymous = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    half_logged_in = password_step(operator)
    for path in CONSOLE_PAGES:
        for client in (anonymous, half_logged_in):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith("/konsola/logowanie/"), path
    assert half_logged_in.post("/konsola/gminy/zembrzyce/zawies/").status_code == 302
    full = console_client(operator)
    for path in CONSOLE_PAGES:
        assert full.get(path).status_code == 200, path


def test_no_operator_api_call_without_a_token_of_an_enrolled_operator(operator):
    anonymous = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    response = anonymous.get("/api/operator/v1/gminy/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    # A console session (even past 2FA) is no API credential.
    assert console_client(operator).get("/api/operator/v1/gminy/").status_code == 401
    not_enrolled = make_operator("bez2fa", enrolled=False)
    assert api_client(not_enrolled).get("/api/operator/v1/gminy/").status_code == 401
    bad = Client(HTTP_HOST=settings.PLATFORM_DOMAIN, HTTP_AUTHORIZATION="Bearer eop_x_y")
    assert bad.get("/api/operator/v1/gminy/").status_code == 401
    listing = api_client(operator).get("/api/operator/v1/gminy/", {"q": "zembrzyce"})
    assert listing.status_code == 200
    assert [t["schema_name"] for t in listing.json()["results"]] == ["zembrzyce"]
    schema = api_client(operator).get("/api/operator/v1/schema/")
    assert schema.status_code == 200
    assert b"/gminy/{schema_name}/archiwizuj/" in schema.content and b"bearerAuth" in schema.content


def test_revoked_token_stops_working(operator):
    client = console_client(operator)
    response = client.post("/konsola/tokeny/", {"name": "CI"})
    token = response.context["created"].token
    api = Client(HTTP_HOST=settings.PLATFORM_DOMAIN, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/operator/v1/gminy/").status_code == 200
    row = operator.api_tokens.get()
    assert token not in row.key_hash and row.key_hash == hashlib.sha256(token.encode()).hexdigest()
    client.post(f"/konsola/tokeny/{row.pk}/uniewaznij/")
    assert api.get("/api/operator/v1/gminy/").status_code == 401


def test_a_totp_code_is_accepted_once(operator):
    code = pyotp.TOTP(operator.totp_secret).now()
    assert twofactor.verify_totp(operator, code)
    assert not twofactor.verify_totp(operator, code)
    # ...and through the login page too.
    client = password_step(operator)
    response = client.post("/konsola/logowanie/kod/", {"code": code})
    assert response.status_code == 200
    assert "już użyty" in response.content.decode()
    assert client.get("/konsola/").status_code == 302


def test_codes_of_neighbouring_steps_are_accepted_and_older_ones_not(operator):
    now = time.time()
    totp = pyotp.TOTP(operator.totp_secret)
    assert twofactor.verify_totp(operator, totp.at(now - 30), now=now)
    assert not twofactor.verify_totp(operator, totp.at(now - 60), now=now)
    assert twofactor.verify_totp(operator, totp.at(now + 30), now=now)
    # The next-step code was used, so the present step's code is now a replay.
    assert not twofactor.verify_totp(operator, totp.at(now), now=now)


def test_wrong_codes_lock_the_operator_out(operator):
    for _ in range(settings.CONSOLE_TOTP_MAX_FAILURES):
        assert not twofactor.verify_totp(operator, "000000")
    with pytest.raises(twofactor.Locked):
        twofactor.verify_totp(operator, pyotp.TOTP(operator.totp_secret).now())
    client = password_step(operator)
    response = client.post("/konsola/logowanie/kod/", {"code": "123456"})
    assert "Zbyt wiele" in response.content.decode()


def test_first_login_enrols_with_a_qr_code_and_gives_recovery_codes(towns):
    operator = make_operator("nowy", enrolled=False)
    client = password_step(operator)
    page = client.get("/konsola/logowanie/2fa/")
    assert page.status_code == 200
    secret = page.context["secret"]
    assert "<svg" in page.content.decode() and secret in page.content.decode()
    wrong = client.post("/konsola/logowanie/2fa/", {"code": "000000"})
    assert wrong.status_code == 200 and client.get("/konsola/").status_code == 302
    done = client.post("/konsola/logowanie/2fa/", {"code": pyotp.TOTP(secret).now()})
    codes = done.context["codes"]
    assert len(codes) == 10
    stored = set(RecoveryCode.objects.filter(operator=operator).values_list("code_hash", flat=True))
    assert not any(code in stored for code in codes)
    assert client.get("/konsola/").status_code == 200
    operator.refresh_from_db()
    assert operator.is_enrolled and operator.totp_secret == secret
    # A recovery code works once instead of the app's code.
    second = password_step(operator)
    assert second.post("/konsola/logowanie/kod/", {"code": codes[0]}).status_code == 302
    assert second.get("/konsola/").status_code == 200
    third = password_step(operator)
    assert third.post("/konsola/logowanie/kod/", {"code": codes[0]}).status_code == 200
    assert set(OperatorAction.objects.values_list("action", flat=True)) >= {"enrol_2fa", "login"}


def test_operator_actions_are_append_only(operator):
    entry = OperatorAction.objects.create(operator_name="x", action="login")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        OperatorAction.objects.all().delete()
    with pytest.raises(TypeError):
        OperatorAction.objects.update(action="y")
    assert Operator.objects.filter(pk=operator.pk).exists()


def test_the_log_names_each_action_in_words(towns):
    operator = make_operator("nowa", enrolled=False)
    client = password_step(operator)
    secret = client.get("/konsola/logowanie/2fa/").context["secret"]
    client.post("/konsola/logowanie/2fa/", {"code": pyotp.TOTP(secret).now()})
    audit = client.get("/konsola/dziennik/").content.decode()
    assert "włączenie logowania dwuskładnikowego" in audit
    assert "enrol_2fa" not in audit


def test_every_action_the_console_records_has_its_words():
    """Every code passed to the log (tenants/**.py), and each job's ``<kind>_failed``."""
    from pathlib import Path

    from tenants.console.models import ACTION_LABELS, LifecycleJob

    root = Path(__file__).resolve().parents[2] / "tenants"
    source = "\n".join(path.read_text(encoding="utf-8") for path in root.rglob("*.py"))
    first_argument = r"(?:[^(),\"]|\([^()]*\))+"  # a name, or a call with its arguments
    codes = set(re.findall(rf'\brecord\(\s*{first_argument},\s*"([a-z_0-9]+)"', source))
    codes |= {f"{kind}_failed" for kind in LifecycleJob.Kind.values}
    assert {"onboard", "enrol_2fa", "suspend"} <= codes
    assert codes <= set(ACTION_LABELS), codes - set(ACTION_LABELS)
