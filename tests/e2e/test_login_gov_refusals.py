"""What the town refuses at the end of a login.gov.pl login, driven over real HTTP through
the simulator's test scenarios: each refusal is clear, and nothing is created."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.identity.models import Resident
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def _accounts() -> tuple[int, int]:
    with schema_context("glogow"):
        return Resident.objects.count(), get_user_model().objects.count()


@pytest.mark.parametrize("binding", ["post", "get"])
@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        ("tampered", "signature is invalid"),
        ("unsigned", "neither the response nor the assertion is signed"),
        ("wrong-audience", "assertion is for another audience"),
        ("expired", "assertion expired"),
        ("unknown-request", "InResponseTo does not match this login"),
        ("doctype", "DOCTYPE"),
    ],
)
def test_bad_responses_are_refused_and_nothing_is_created(
    browser, town_server, scenario, message, binding
):
    before = _accounts()
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        # Maria Wiśniewska is known in Głogów: a good response would open her account.
        log_in(page, town_server, GLOGOW_HOST, "Maria Wiśniewska", scenario, binding)
        expect(page.get_by_role("heading", name="Logowanie nie powiodło się")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(message)
        expect(page.locator("main")).not_to_contain_text("85121612343")
    finally:
        context.close()
    assert _accounts() == before


def test_logout_ends_the_login_gov_session_too(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        sessions_page = town_server.url("localhost", "/symulator-wk/sesje/")
        town_sessions = page.locator("tr", has_text="zembrzyce.localhost")
        log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski")
        page.goto(sessions_page, wait_until="load")
        live = town_sessions.count()
        assert live >= 1
        page.goto(town_server.url(ZEMBRZYCE_HOST, "/logowanie/"), wait_until="load")
        page.get_by_role("button", name="Wyloguj się").first.click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("status")).to_contain_text("Wylogowano")
        # The node forgot the session.
        page.goto(sessions_page, wait_until="load")
        expect(town_sessions).to_have_count(live - 1)
    finally:
        context.close()


def test_node_initiated_logout_ends_the_town_session(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        log_in(page, town_server, GLOGOW_HOST, "Jan Kowalski")
        page.goto(town_server.url(GLOGOW_HOST, "/logowanie/"), wait_until="load")
        expect(page.get_by_role("heading", name="Jesteś zalogowany")).to_be_visible()
        # The person logs out at login.gov.pl: the node tells Głogów over SOAP.
        page.goto(town_server.url("localhost", "/symulator-wk/sesje/"), wait_until="load")
        page.get_by_role(
            "button", name="Wyloguj wszędzie: Jan Kowalski, https://glogow.localhost"
        ).first.click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("status")).to_contain_text("confirmed the logout")
        page.goto(town_server.url(GLOGOW_HOST, "/logowanie/"), wait_until="load")
        expect(page.get_by_role("heading", name="Logowanie do e-Urzędu")).to_be_visible()
    finally:
        context.close()
