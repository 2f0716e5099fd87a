"""The console's password step is limited like the towns' logins (its records in the
public schema), its 2FA step keeps its own lock; operators see and lift lockouts — a
town's and their own — in the console and with the commands, and every lift is audited."""

from __future__ import annotations

import io
from datetime import timedelta

import pyotp
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_tenants.utils import get_public_schema_name, schema_context

from eurzad.core import login_limits
from tenants.console.login_lockouts import lockouts
from tenants.console.models import OperatorAction
from tenants.console.services.actions import LifecycleError
from tenants.models import Municipality
from tests.console.conftest import PASSWORD, console_client, make_operator
from tests.test_login_lockouts import (
    ATTACKER,
    NEIGHBOUR,
    OURS,
    WRONG,
    admin_login,
    age_attempts,
    attempts,
    client_from,
    lock_out,
    ours,
)

PUBLIC = get_public_schema_name()


def password_step(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/konsola/logowanie/", {"username": username, "password": password})


def lock_out_operator(client: Client, username: str) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert password_step(client, username, WRONG).status_code == 200
    assert password_step(client, username, WRONG).status_code == 429


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def lines_of_ours(command: str, *args: str) -> list[str]:
    """A lockouts listing's lines for this module's clients' addresses only."""
    return [line for line in run(command, *args).splitlines() if line.split("\t")[1] in OURS]


def test_the_password_step_is_locked_even_for_the_right_password(operator):
    attacker = client_from(ATTACKER, settings.PLATFORM_DOMAIN)
    lock_out_operator(attacker, "operator")
    refused = password_step(attacker, "operator", PASSWORD)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Logowanie zablokowane" in page and "konsola operatora" in page  # the console's look
    assert "poproś innego operatora" in page
    assert attacker.get("/konsola/logowanie/kod/").status_code == 302  # no half-login either
    # Another address is not locked; the cool-off ends the lockout.
    neighbour = client_from(NEIGHBOUR, settings.PLATFORM_DOMAIN)
    assert password_step(neighbour, "operator", PASSWORD).status_code == 302
    age_attempts(PUBLIC, login_limits.cool_off())
    answer = password_step(attacker, "operator", PASSWORD)
    assert answer.status_code == 302 and answer["Location"].endswith("/konsola/logowanie/kod/")


def test_the_lockout_page_speaks_english_on_the_platform_host(operator):
    attacker = client_from(ATTACKER, settings.PLATFORM_DOMAIN, HTTP_ACCEPT_LANGUAGE="en")
    lock_out_operator(attacker, "operator")
    page = password_step(attacker, "operator", PASSWORD).content.decode()
    assert "Login blocked" in page and "even with the right password" in page


def test_a_right_password_of_a_platform_user_who_is_no_operator_counts_as_a_failure(operator):
    with schema_context(PUBLIC):
        get_user_model().objects.create_user("bez-konsoli", password=PASSWORD)
    client = client_from(ATTACKER, settings.PLATFORM_DOMAIN)
    assert password_step(client, "bez-konsoli", PASSWORD).status_code == 200
    with schema_context(PUBLIC):
        assert attempts().get().username == "bez-konsoli"


def test_operator_failures_and_lockouts_are_in_the_operators_log_masked(operator):
    attacker = client_from(ATTACKER, settings.PLATFORM_DOMAIN)
    lock_out_operator(attacker, "operator")
    password_step(attacker, "operator", PASSWORD)
    failed = OperatorAction.objects.filter(action="login_failed", ip_address__in=OURS)
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    assert failed.filter(details__reason="locked").count() == 1
    locked = OperatorAction.objects.get(action="login_locked_out", ip_address__in=OURS)
    assert (locked.operator_name, locked.ip_address, locked.channel) == ("op…", ATTACKER, "console")
    assert locked.details == {
        "username": "op…",
        "failures": settings.AXES_FAILURE_LIMIT,
        "minutes": settings.LOGIN_COOLOFF_MINUTES,
    }
    assert not failed.filter(details__username="operator").exists()


def test_the_totp_step_keeps_its_own_lock(operator, settings):
    settings.CONSOLE_TOTP_MAX_FAILURES = 2
    client = client_from(ATTACKER, settings.PLATFORM_DOMAIN)
    assert password_step(client, "operator", PASSWORD).status_code == 302
    for _attempt in range(2):
        client.post("/konsola/logowanie/kod/", {"code": "000000"})
    right = pyotp.TOTP(operator.totp_secret).now()
    answer = client.post("/konsola/logowanie/kod/", {"code": right})
    assert answer.status_code == 200 and "Zbyt wiele błędnych kodów" in answer.content.decode()


def test_an_operator_sees_and_lifts_a_towns_lockout(operator, towns):
    lock_out(client_from(ATTACKER))
    console = console_client(operator)
    page = console.get("/konsola/gminy/zembrzyce/blokady/")
    assert page.status_code == 200
    assert "redaktor" in page.content.decode() and ATTACKER in page.content.decode()
    assert "redaktor" not in console.get("/konsola/gminy/glogow/blokady/").content.decode()
    assert "redaktor" not in console.get("/konsola/blokady/").content.decode()

    lifted = console.post(
        "/konsola/gminy/zembrzyce/blokady/zdejmij/",
        {"username": "redaktor", "ip_address": ATTACKER},
    )
    assert lifted.status_code == 302 and lifted["Location"].endswith("/gminy/zembrzyce/blokady/")
    password = towns["zembrzyce.localhost"].editor_password
    assert admin_login(client_from(ATTACKER), password).status_code == 302
    entry = OperatorAction.objects.get(action="login_unlocked")
    assert (entry.town_schema, entry.operator_name, entry.channel) == (
        "zembrzyce",
        "operator",
        "console",
    )
    assert entry.details == {"username": "re…", "ip_address": ATTACKER, "records": 1}


def test_an_operator_lifts_another_operators_lockout(operator):
    make_operator("druga")
    lock_out_operator(client_from(ATTACKER, settings.PLATFORM_DOMAIN), "druga")
    console = console_client(operator)
    assert "Zdejmij blokadę: druga" in console.get("/konsola/blokady/").content.decode()
    console.post("/konsola/blokady/zdejmij/", {"username": "druga", "ip_address": ""})
    assert "Zdejmij blokadę: druga" not in console.get("/konsola/blokady/").content.decode()
    entry = OperatorAction.objects.get(action="login_unlocked")
    assert (entry.town_schema, entry.details["ip_address"]) == ("", "*")
    answer = password_step(client_from(ATTACKER, settings.PLATFORM_DOMAIN), "druga", PASSWORD)
    assert answer.status_code == 302


def test_lockout_pages_and_the_unlock_need_a_full_console_login(operator):
    anonymous = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    for path in ("/konsola/blokady/", "/konsola/gminy/zembrzyce/blokady/"):
        assert anonymous.get(path).status_code == 302
    assert anonymous.post("/konsola/blokady/zdejmij/", {"username": "x"}).status_code == 302
    assert not OperatorAction.objects.filter(action="login_unlocked").exists()
    console = console_client(operator)
    assert console.get("/konsola/gminy/nie-ma-takiej/blokady/").status_code == 404
    assert console.get("/konsola/gminy/public/blokady/").status_code == 404


def test_the_commands_list_and_lift_lockouts(operator, towns):
    lock_out(client_from(ATTACKER))
    lock_out_operator(client_from(NEIGHBOUR, settings.PLATFORM_DOMAIN), "operator")
    town_lines = lines_of_ours("town", "lockouts", "zembrzyce")
    assert [line.split("\t")[:3] for line in town_lines] == [
        ["redaktor", ATTACKER, str(settings.AXES_FAILURE_LIMIT)]
    ]
    assert lines_of_ours("town", "lockouts", "glogow") == []
    [operator_line] = lines_of_ours("operator", "lockouts")
    assert operator_line.split("\t")[:2] == ["operator", NEIGHBOUR]

    assert "usunięte zapisy prób: 1" in run(
        "town", "--operator", "szef", "unlock-login", "zembrzyce", "redaktor", "--ip", ATTACKER
    )
    assert lines_of_ours("town", "lockouts", "zembrzyce") == []
    run("operator", "unlock-login", "operator")
    assert lines_of_ours("operator", "lockouts") == []
    entries = OperatorAction.objects.filter(action="login_unlocked").order_by("pk")
    assert [(e.operator_name, e.town_schema, e.channel) for e in entries] == [
        ("szef", "zembrzyce", "command"),
        (entries[1].operator_name, "", "command"),
    ]
    assert entries[1].operator_name.startswith("os:")

    with pytest.raises(CommandError, match="nie-ma"):
        run("town", "unlock-login", "nie-ma", "redaktor")
    with pytest.raises(CommandError):
        run("operator", "unlock-login", "operator", "--ip", "to-nie-adres")


def test_an_archived_towns_lockouts_are_refused_clearly(operator, towns):
    archived = Municipality(schema_name="zarchiwizowana", name="Z", status="archived")
    with pytest.raises(LifecycleError, match="zarchiwizowana"):
        lockouts(archived)


def test_an_unlock_with_nothing_locked_is_recorded_with_no_records(operator):
    console = console_client(operator)
    answer = console.post("/konsola/blokady/zdejmij/", {"username": "nikt"}, follow=True)
    assert "Blokada logowania nikt zdjęta." in answer.content.decode()
    assert OperatorAction.objects.get(action="login_unlocked").details["records"] == 0
    assert console.post("/konsola/blokady/zdejmij/", {"username": ""}).status_code == 302
    assert OperatorAction.objects.filter(action="login_unlocked").count() == 1


def test_lockout_until_is_the_cool_off_after_the_last_failure(operator):
    lock_out_operator(client_from(ATTACKER, settings.PLATFORM_DOMAIN), "operator")
    with schema_context(PUBLIC):
        [lockout] = ours(login_limits.current_lockouts())
    age_attempts(PUBLIC, timedelta(minutes=5))
    with schema_context(PUBLIC):
        [older] = ours(login_limits.current_lockouts())
    assert lockout.until - older.until == timedelta(minutes=5)
