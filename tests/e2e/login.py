"""Logging in through the login.gov.pl simulator in a browser, for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.identity.models import Resident


def log_in(
    page, town_server, host: str, person: str, scenario: str = "ok", binding: str = "post"
) -> None:  # type: ignore[no-untyped-def]
    """From the town's login page through the simulator (picking ``person``, the
    simulator's ``scenario`` and how the artifact comes back: ``post`` as the Węzeł Krajowy
    does it, an auto-submitted cross-site form, or ``get``) back to the town."""
    page.goto(town_server.url(host, "/logowanie/"), wait_until="load")
    page.get_by_role("button", name="Zaloguj się przez login.gov.pl").click()
    page.wait_for_url("**/symulator-wk/**")
    expect(page.get_by_role("heading", name="Symulator login.gov.pl")).to_be_visible()
    page.get_by_label(person).check()
    page.get_by_label("Odpowiedź symulatora").select_option(scenario)
    page.get_by_label("Powrót do serwisu").select_option(binding)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_load_state("load")


JAN_PESEL = "44051401359"


@contextmanager
def account_removed_afterwards(schema: str, pesel: str = JAN_PESEL) -> Iterator[None]:
    """A first login opens the person's account; if this test opened it, it goes again,
    so the other tests find the town as seeded."""
    with schema_context(schema):
        existed = Resident.objects.filter(party__pesel=pesel).exists()
    try:
        yield
    finally:
        if not existed:
            with schema_context(schema):
                for resident in Resident.objects.filter(party__pesel=pesel):
                    get_user_model().objects.filter(pk=resident.user_id).delete()


def acs_requests(page, method: str) -> list:  # type: ignore[no-untyped-def]
    """The requests ``page`` sends to the town's ACS with ``method``, as they happen."""
    seen: list = []
    page.on(
        "request",
        lambda r: seen.append(r) if r.method == method and "/logowanie/acs/" in r.url else None,
    )
    return seen
