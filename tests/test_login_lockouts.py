"""Brute force on password logins of a town's host: after LOGIN_FAILURE_LIMIT wrong
passwords for one user name from one address, that user name is refused from that
address — even with the right password — with the 429 lockout page, until the cool-off
ends. axes counts per user name *and* address (``AXES_LOCKOUT_PARAMETERS``): another
address, or another user name, is not locked. Each town counts in its own schema.

The other ways in (login.gov.pl, the mobile PIN, API keys, the test client's
force_login, Wagtail's password reset) are not password logins and are not counted.

The tests' clients come from documentation addresses (203.0.113.x) and every check looks
at those only: the browser tests, run in the same session, commit lockouts of their own
(from 127.0.0.1) that no transaction rolls back.
"""

from __future__ import annotations

import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from eurzad.audit.models import AuditEvent
from eurzad.core import login_limits
from tests.api.mobile.helpers import API, resident_with_pin
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.console.conftest import PASSWORD, make_operator

ATTACKER = "203.0.113.5"
NEIGHBOUR = "203.0.113.6"
OURS = (ATTACKER, NEIGHBOUR)
WRONG = "zgadywane-haslo-1"


def client_from(address: str, host: str = ZEMBRZYCE_HOST, **extra: str) -> Client:
    return Client(HTTP_HOST=host, REMOTE_ADDR=address, **extra)


def admin_login(client: Client, password: str, username: str = "redaktor"):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/", {"username": username, "password": password})


def demo_login(client: Client, password: str, login: str = "demo"):  # type: ignore[no-untyped-def]
    return client.post("/logowanie/demo/", {"login": login, "password": password})


def lock_out(client: Client, username: str = "redaktor") -> None:
    """The limit's worth of wrong passwords; the last one already gets the lockout page."""
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert admin_login(client, WRONG, username).status_code == 200  # the form again
    assert admin_login(client, WRONG, username).status_code == 429


def ours(lockouts: list[login_limits.Lockout]) -> list[login_limits.Lockout]:
    return [lockout for lockout in lockouts if lockout.ip_address in OURS]


def attempts() -> QuerySet[AccessAttempt]:
    """The failure records of this module's clients in the current schema."""
    return AccessAttempt.objects.filter(ip_address__in=OURS)


def events(action: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action=action, ip_address__in=OURS)


def age_attempts(schema: str, by: timedelta) -> None:
    """Move the failure records back in time instead of sleeping."""
    with schema_context(schema):
        attempts().update(attempt_time=F("attempt_time") - by)


def test_the_right_password_is_refused_during_the_lockout_until_the_cool_off_ends(towns):
    attacker = client_from(ATTACKER)
    lock_out(attacker)
    password = towns[ZEMBRZYCE_HOST].editor_password

    refused = admin_login(attacker, password)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Logowanie zablokowane" in page and "nawet z poprawnym hasłem" in page
    assert "Gmina Zembrzyce" in page  # the town's own look
    assert 0 < int(refused["Retry-After"]) <= settings.LOGIN_COOLOFF_MINUTES * 60
    assert refused["Cache-Control"] == "no-store"
    assert attacker.get("/admin/").status_code == 302  # not logged in

    # Refused attempts do not prolong the cool-off: it still ends 15 minutes after the
    # last wrong password.
    age_attempts("zembrzyce", login_limits.cool_off() - timedelta(seconds=30))
    assert admin_login(attacker, password).status_code == 429
    age_attempts("zembrzyce", timedelta(seconds=31))
    assert admin_login(attacker, password).status_code == 302
    assert attacker.get("/admin/").status_code == 200


def test_only_that_user_name_from_that_address_is_locked(towns):
    lock_out(client_from(ATTACKER))
    password = towns[ZEMBRZYCE_HOST].editor_password
    # The same user name from another address logs in...
    assert admin_login(client_from(NEIGHBOUR), password).status_code == 302
    # ...and another user name from the attacker's address is only told it is wrong.
    assert admin_login(client_from(ATTACKER), WRONG, "moderator").status_code == 200
    with schema_context("zembrzyce"):
        rows = set(attempts().values_list("username", "ip_address"))
    assert rows == {("redaktor", ATTACKER), ("moderator", ATTACKER)}


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(towns):
    lock_out(client_from(ATTACKER))
    for forged in ("198.51.100.1", "198.51.100.2, 10.0.0.1"):
        disguised = client_from(ATTACKER, HTTP_X_FORWARDED_FOR=forged, HTTP_X_REAL_IP=forged)
        refused = admin_login(disguised, towns[ZEMBRZYCE_HOST].editor_password)
        assert refused.status_code == 429
    # Nor does a new browser (user agent) each time: axes sums over user agents.
    other_agent = client_from(ATTACKER, HTTP_USER_AGENT="curl/8.0")
    assert admin_login(other_agent, WRONG).status_code == 429


def test_behind_our_proxies_each_client_is_counted_on_its_own_address(towns, settings):
    """The file server and the ingress in front: every request comes from 127.0.0.1, the
    client's address is the one the ingress appended, and what a caller writes into
    X-Forwarded-For itself is never counted."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    def through_ingress(client_address: str, forged: str = "") -> Client:
        chain = ", ".join(filter(None, [forged, client_address, "10.1.2.3"]))
        return client_from("127.0.0.1", HTTP_X_FORWARDED_FOR=chain)

    lock_out(through_ingress(ATTACKER))
    password = towns[ZEMBRZYCE_HOST].editor_password
    assert admin_login(through_ingress(ATTACKER, forged=NEIGHBOUR), password).status_code == 429
    assert admin_login(through_ingress(NEIGHBOUR), password).status_code == 302
    with schema_context("zembrzyce"):
        assert set(attempts().values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_lockout_in_zembrzyce_locks_neither_glogow_nor_an_operator(towns):
    lock_out(client_from(ATTACKER))
    # Głogów's redaktor, from the very same address, logs in.
    glogow = client_from(ATTACKER, GLOGOW_HOST)
    assert admin_login(glogow, towns[GLOGOW_HOST].editor_password).status_code == 302
    with schema_context("glogow"):
        assert not attempts().exists()
        assert not events("login_locked_out").exists()
    # An operator of the same name, from the same address, passes the password step.
    with schema_context(get_public_schema_name()):
        make_operator("redaktor")
    console = client_from(ATTACKER, settings.PLATFORM_DOMAIN)
    answer = console.post("/konsola/logowanie/", {"username": "redaktor", "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"].endswith("/konsola/logowanie/kod/")
    with schema_context(get_public_schema_name()):
        assert not attempts().exists()


def test_wrong_passwords_and_the_lockout_are_in_the_towns_audit_log_masked(towns):
    attacker = client_from(ATTACKER)
    lock_out(attacker)
    admin_login(attacker, towns[ZEMBRZYCE_HOST].editor_password)  # refused: locked
    with schema_context("zembrzyce"):
        failed = list(events("login_failed").order_by("pk"))
        locked = events("login_locked_out").get()
        attempt = attempts().get()
    assert len(failed) == settings.AXES_FAILURE_LIMIT + 1
    assert {event.method for event in failed} == {"password"}
    assert {event.ip_address for event in failed} == {ATTACKER}
    assert [event.details.get("reason") for event in failed] == [None] * len(failed[:-1]) + [
        "locked"
    ]
    assert locked.ip_address == ATTACKER
    assert locked.details["failures"] == settings.AXES_FAILURE_LIMIT
    for event in [*failed, locked]:
        assert event.details["username"] == "re…"
        assert event.details["path"] == "/admin/login/"
    # Neither the password nor the user name is kept in what axes stores beside the count.
    assert WRONG not in attempt.post_data and "redaktor" not in attempt.post_data
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT  # refusals not counted
    with schema_context("glogow"):
        assert not AuditEvent.objects.filter(ip_address__in=OURS).exists()


def test_a_successful_login_clears_the_count(towns, settings):
    password = towns[ZEMBRZYCE_HOST].editor_password
    almost = settings.AXES_FAILURE_LIMIT - 1
    client = client_from(ATTACKER)
    for _attempt in range(almost):
        admin_login(client, WRONG)
    assert admin_login(client, password).status_code == 302
    for _attempt in range(almost):
        assert admin_login(client_from(ATTACKER), WRONG).status_code == 200
    # With LOGIN_RESET_ON_SUCCESS off the failures stay until the cool-off ends.
    settings.AXES_RESET_ON_SUCCESS = False
    assert admin_login(client_from(ATTACKER), password).status_code == 302
    assert admin_login(client_from(ATTACKER), WRONG).status_code == 429


def test_the_limit_and_the_cool_off_come_from_the_settings(towns, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    client = client_from(ATTACKER)
    assert [admin_login(client, WRONG).status_code for _ in range(3)] == [200, 200, 429]
    refused = admin_login(client, towns[ZEMBRZYCE_HOST].editor_password)
    assert refused.status_code == 429 and int(refused["Retry-After"]) <= 120
    age_attempts("zembrzyce", timedelta(minutes=2, seconds=1))
    assert admin_login(client, towns[ZEMBRZYCE_HOST].editor_password).status_code == 302


def test_the_demo_login_is_limited_too(towns):
    attacker = client_from(ATTACKER, GLOGOW_HOST)
    limit = settings.AXES_FAILURE_LIMIT
    answers = [demo_login(attacker, WRONG).status_code for _ in range(limit)]
    assert answers == [400] * (limit - 1) + [429]
    refused = demo_login(attacker, "demo")
    assert refused.status_code == 429 and "Logowanie zablokowane" in refused.content.decode()
    assert "Miasto Głogów" in refused.content.decode()
    neighbour = client_from(NEIGHBOUR, GLOGOW_HOST)
    assert demo_login(neighbour, "demo").status_code == 302
    with schema_context("glogow"):
        failed = events("login_failed").filter(method="demo")
        assert failed.count() == limit + 1
        assert failed.filter(details__reason="locked").count() == 1
        assert events("login_locked_out").get().details["username"] == "de…"
        # The neighbour's successful login cleared nothing of the attacker's.
        assert attempts().get(ip_address=ATTACKER).failures_since_start == limit


def test_a_successful_demo_login_clears_the_demo_count(towns):
    client = client_from(ATTACKER, GLOGOW_HOST)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        demo_login(client, WRONG)
    assert demo_login(client, "demo", login="Demo ").status_code == 302
    with schema_context("glogow"):
        assert not attempts().exists()


def test_login_gov_pl_the_pin_and_api_keys_are_not_counted(towns):
    limit = settings.AXES_FAILURE_LIMIT
    client = client_from(ATTACKER)
    # login.gov.pl: an artifact nobody asked for is refused by the SAML login itself.
    for _attempt in range(limit + 2):
        answer = client.get("/logowanie/acs/", {"SAMLart": "AAQAAA", "RelayState": "x"})
        assert answer.status_code == 403
    # The mobile PIN keeps its own lock (5 wrong PINs: 423), not axes'.
    resident = resident_with_pin("zembrzyce")
    statuses = [
        client.post(
            f"{API}/pair/",
            {"pesel": resident.party.pesel, "pin": "0000", "device_name": "Telefon"},
            content_type="application/json",
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 4 + [423, 423]
    # A wrong API key is a 401 every time.
    for _attempt in range(limit + 2):
        answer = client.get("/api/v1/integracja/zmiany/wplaty/", HTTP_AUTHORIZATION="ApiKey x.y")
        assert answer.status_code == 401
    with schema_context("zembrzyce"):
        assert not attempts().exists()
        assert not events("login_locked_out").exists()


def test_the_test_clients_logins_still_work(towns):
    client = client_from(ATTACKER)
    with schema_context("zembrzyce"):  # the session lives in the town's own schema
        client.force_login(get_user_model().objects.get(username="redaktor"))
    assert client.get("/admin/").status_code == 200
    # login() needs a request with axes' backend in front (axes' documented way).
    assert not Client().login(request=HttpRequest(), username="nikt", password=WRONG)


def test_wagtails_password_reset_works_for_a_locked_out_editor(towns):
    attacker = client_from(ATTACKER)
    lock_out(attacker)
    email = "redaktor@zembrzyce.example"
    with schema_context("zembrzyce"):
        get_user_model().objects.filter(username="redaktor").update(email=email)
    assert attacker.get("/admin/password_reset/").status_code == 200
    sent = attacker.post("/admin/password_reset/", {"email": email})
    assert sent.status_code == 302
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[-1].body)
    assert link is not None, mail.outbox[-1].body
    form = attacker.get(link.group(1), follow=True)
    assert form.status_code == 200
    new_password = "Nowe-haslo-redaktora-2026"
    done = attacker.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    # The new password opens the admin from another address at once; from the locked
    # address only after the cool-off (a reset does not lift a lockout).
    assert admin_login(client_from(NEIGHBOUR), new_password).status_code == 302
    assert admin_login(attacker, new_password).status_code == 429
    age_attempts("zembrzyce", login_limits.cool_off())
    assert admin_login(attacker, new_password).status_code == 302


def test_lockout_expiry_is_computed_from_the_last_failure(towns):
    lock_out(client_from(ATTACKER))
    with schema_context("zembrzyce"):
        [lockout] = ours(login_limits.current_lockouts())
    assert (lockout.username, lockout.ip_address) == ("redaktor", ATTACKER)
    assert lockout.failures == settings.AXES_FAILURE_LIMIT
    assert abs(lockout.until - (timezone.now() + login_limits.cool_off())) < timedelta(seconds=30)
    with schema_context("glogow"):
        assert ours(login_limits.current_lockouts()) == []
