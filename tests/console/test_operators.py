"""Operator accounts from the command line: created (then enrolled at the first login),
listed, their second factor reset after a lost phone, switched off for good."""

from __future__ import annotations

import io

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tenants.console import api_tokens
from tenants.console.models import Operator, OperatorAction
from tests.console.conftest import PASSWORD, api_client, console_client, make_operator


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("operator", *args, stdout=out)
    return out.getvalue()


def password_on_stdin(monkeypatch, password: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))


def test_created_operator_must_enrol_2fa_at_the_first_login(towns, settings, monkeypatch):
    password_on_stdin(monkeypatch, "dluzsze-haslo-2026")
    run("--operator", "szef", "create", "nowa.operatorka", "--password-stdin")
    operator = Operator.objects.get(user__username="nowa.operatorka")
    assert not operator.is_enrolled
    client = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    response = client.post(
        "/konsola/logowanie/",
        {"username": "nowa.operatorka", "password": "dluzsze-haslo-2026"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/konsola/logowanie/2fa/")
    entry = OperatorAction.objects.get(action="operator_created")
    assert (entry.operator_name, entry.details) == ("szef", {"operator": "nowa.operatorka"})


def test_weak_passwords_and_taken_names_are_refused(towns, monkeypatch):
    password_on_stdin(monkeypatch, "abc")
    with pytest.raises(CommandError, match=r"krótkie|short"):
        run("create", "krotkie", "--password-stdin")
    make_operator("zajety")
    password_on_stdin(monkeypatch, "dluzsze-haslo-2026")
    with pytest.raises(CommandError, match="już istnieje"):
        run("create", "zajety", "--password-stdin")
    assert not Operator.objects.filter(user__username="krotkie").exists()


def test_list_shows_state_and_second_factor(towns):
    make_operator("z.dwuetapowym")
    make_operator("bez.dwuetapowego", enrolled=False)
    lines = run("list").splitlines()
    assert any(line.startswith("z.dwuetapowym\taktywny\t2FA\t") for line in lines)
    assert any(line.startswith("bez.dwuetapowego\taktywny\tbez 2FA\t") for line in lines)


def test_reset_2fa_after_a_lost_phone(towns, settings):
    operator = make_operator("zgubiony.telefon")
    old_secret = operator.totp_secret
    token = api_client(operator)
    assert token.get("/api/operator/v1/gminy/").status_code == 200
    run("reset-2fa", "zgubiony.telefon")
    operator.refresh_from_db()
    assert not operator.is_enrolled and not operator.recovery_codes.exists()
    # Tokens wait for the new enrolment; the old authenticator is useless.
    assert token.get("/api/operator/v1/gminy/").status_code == 401
    client = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    client.post("/konsola/logowanie/", {"username": "zgubiony.telefon", "password": PASSWORD})
    stale = client.post("/konsola/logowanie/2fa/", {"code": pyotp.TOTP(old_secret).now()})
    assert stale.status_code == 200  # the enrolment page again, nothing accepted
    assert OperatorAction.objects.filter(action="operator_2fa_reset").exists()


def test_deactivated_operator_can_neither_log_in_nor_use_tokens(towns, settings):
    operator = make_operator("odchodzi")
    issued = api_tokens.issue(operator, "skrypt")
    console = console_client(operator)
    assert console.get("/konsola/").status_code == 200
    run("deactivate", "odchodzi")
    issued.row.refresh_from_db()
    assert issued.row.revoked_at is not None
    assert api_tokens.authenticate(issued.token) is None
    client = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    refused = client.post("/konsola/logowanie/", {"username": "odchodzi", "password": PASSWORD})
    assert refused.status_code == 200
    assert console.get("/konsola/").status_code == 302  # the session no longer counts
    with pytest.raises(CommandError, match="Nie ma operatora"):
        run("deactivate", "nikt-taki")


def test_demo_operator_is_made_once_and_must_enrol_2fa(towns, settings):
    from eurzad.demo.operator import ensure_demo_operator

    username, password = ensure_demo_operator()
    assert ensure_demo_operator() == (username, password)
    assert Operator.objects.filter(user__username=username).count() == 1
    client = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    response = client.post("/konsola/logowanie/", {"username": username, "password": password})
    assert response.status_code == 302 and response["Location"].endswith("/konsola/logowanie/2fa/")
