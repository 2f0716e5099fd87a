"""Logging in through the login.gov.pl simulator in a browser, for the browser tests."""

from __future__ import annotations

from playwright.sync_api import expect


def log_in(page, town_server, host: str, person: str, scenario: str = "ok") -> None:  # type: ignore[no-untyped-def]
    """From the town's login page through the simulator (picking ``person`` and the
    simulator's ``scenario``) back to the town."""
    page.goto(town_server.url(host, "/logowanie/"), wait_until="load")
    page.get_by_role("button", name="Zaloguj się przez login.gov.pl").click()
    page.wait_for_url("**/symulator-wk/**")
    expect(page.get_by_role("heading", name="Symulator login.gov.pl")).to_be_visible()
    page.get_by_label(person).check()
    page.get_by_label("Odpowiedź symulatora").select_option(scenario)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_load_state("load")
