"""Mój e-Urząd in headless Chromium, for a resident logged in through the login.gov.pl
simulator in each town: zero WCAG 2.1 A/AA violations (axe-core) on every page of
tests/e2e/pages.py's ACCOUNT_PATHS, on a notification, on forms showing errors and with
the header's "act as" switch used from the keyboard; no PESEL unmasked, nothing of the
other town.

The server is a separate process, so what the pages show is committed here (with
``committed_db``) and removed again afterwards.
"""

from __future__ import annotations

import http.client
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.identity.models import MobileDevice, Representation, Resident
from eurzad.notifications.models import Notification
from eurzad.notifications.services import notify
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import account_removed_afterwards, log_in
from tests.e2e.pages import ACCOUNT_PATHS
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]

JAN_PESEL = "44051401359"
MARIA_PESEL = "85121612343"
# schema, host, what of the other town must never appear, whom Jan represents there
TOWNS = {
    "zembrzyce": (ZEMBRZYCE_HOST, ("Głogów", "Głogow", "glogow"), None),
    "glogow": (GLOGOW_HOST, ("Zembrzyc",), MARIA_PESEL),
}
PESELS = ("44051401359", "85121612343", "02270803624")


@dataclass
class Visit:
    label: str
    status: int | None
    text: str = ""
    violations: list[dict] = field(default_factory=list)


@contextmanager
def _jan_with_sample_data(schema: str, represented_pesel: str | None) -> Iterator[list[str]]:
    """Jan Kowalski's account (opened by his login), with two notifications, a paired
    phone and, where given, a mandate; yields the notification's path; removes it all."""
    with schema_context(schema):
        resident = Resident.objects.select_related("user").get(party__pesel=JAN_PESEL)
        first = notify(
            resident.user,
            reason="e2e",
            subject="Decyzja w sprawie podatku od nieruchomości",
            body="Decyzja jest dostępna w urzędzie.\nTermin płatności: 15 marca.",
            link="/konto/twoje-dane/",
        )
        read = notify(resident.user, reason="e2e", subject="Przypomnienie o opłacie", body="x")
        Notification.objects.filter(pk=read.pk).update(
            read_at=timezone.now(), created_at=timezone.now() - timedelta(days=3)
        )
        device = MobileDevice.objects.create(
            resident=resident, name="Telefon Jana", token_hash=secrets.token_hex(32)
        )
        mandate = None
        if represented_pesel:
            mandate = Representation.objects.create(
                resident=resident,
                party=Party.objects.get(pesel=represented_pesel),
                scope=Representation.Scope.PAY,
                valid_from=timezone.localdate() - timedelta(days=10),
            )
    try:
        yield [f"/konto/powiadomienia/{first.pk}/"]
    finally:
        with schema_context(schema):
            Notification.objects.filter(pk__in=[first.pk, read.pk]).delete()
            device.delete()
            if mandate is not None:
                mandate.delete()


def _check(page, label: str, axe_script, visits: list[Visit], status: int | None = 200) -> None:
    visit = Visit(label, status)
    visit.text = page.title() + "\n" + page.inner_text("body")
    visit.violations = run_axe(page, axe_script)
    visits.append(visit)


def _visit_account(page, town_server, host: str, axe_script, extra: list[str]) -> list[Visit]:
    visits: list[Visit] = []
    for path in ["/", *ACCOUNT_PATHS, *extra]:
        response = page.goto(town_server.url(host, path), wait_until="load")
        _check(page, path, axe_script, visits, response.status if response else None)

    # Forms showing their errors.
    page.goto(town_server.url(host, "/konto/aplikacja-mobilna/"), wait_until="load")
    page.get_by_label("Nowy PIN").fill("4821")
    page.get_by_label("Powtórz PIN").fill("4812")
    page.get_by_role("button", name="Ustaw PIN").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("alert")).to_contain_text("Wpisane PIN-y się różnią.")
    _check(page, "/konto/aplikacja-mobilna/ (PIN error)", axe_script, visits)

    page.goto(town_server.url(host, "/konto/twoje-dane/"), wait_until="load")
    page.get_by_label("Adres e-mail").fill("to nie jest adres")
    page.get_by_role("button", name="Zapisz preferencje").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("alert")).to_contain_text("Podaj poprawny adres e-mail")
    _check(page, "/konto/twoje-dane/ (e-mail error)", axe_script, visits)
    return visits


def _switch_by_keyboard(page, town_server, host: str, axe_script, visits: list[Visit]) -> None:
    """Act for Maria Wiśniewska with the header's switch, by keyboard only."""
    page.goto(town_server.url(host, "/konto/"), wait_until="load")
    switch = page.get_by_label("Działasz jako:")
    switch.focus()
    page.keyboard.press("ArrowDown")  # Jan (you) → Maria
    expect(switch).to_have_value(
        page.locator("#acting-party option", has_text="Maria Wiśniewska").get_attribute("value")
    )
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Zmień")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("status").first).to_contain_text(
        "Działasz teraz jako: Maria Wiśniewska"
    )
    expect(page.locator(".acting-summary")).to_contain_text("Maria Wiśniewska")
    _check(page, "/konto/ (acting for Maria Wiśniewska)", axe_script, visits)


@pytest.mark.parametrize("town", TOWNS)
def test_account_pages_of_a_logged_in_resident_have_no_wcag_21_violations(
    browser, town_server, axe_script, committed_db, town
):
    host, forbidden, represented = TOWNS[town]
    context = browser.new_context(locale="pl-PL")
    try:
        with account_removed_afterwards(town):
            page = context.new_page()
            log_in(page, town_server, host, "Jan Kowalski")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
            with _jan_with_sample_data(town, represented) as extra:
                visits = _visit_account(page, town_server, host, axe_script, extra)
                if represented:
                    _switch_by_keyboard(page, town_server, host, axe_script, visits)
    finally:
        context.close()

    report = []
    for visit in visits:
        lines = []
        if visit.status != 200:
            lines.append(f"  answered {visit.status}, expected 200")
        if "Mój e-Urząd" not in visit.text or "Jan Kowalski" not in visit.text:
            lines.append("  the resident bar (Jan Kowalski, Mój e-Urząd) is missing")
        lines.extend(f"  PESEL {pesel} shown unmasked" for pesel in PESELS if pesel in visit.text)
        lines.extend(
            f"  text of the other town shown: {word!r}"
            for word in forbidden
            if word.casefold() in visit.text.casefold()
        )
        for violation in visit.violations:
            lines.extend(_describe(violation))
        if lines:
            report.append(f"{host} {visit.label}\n" + "\n".join(lines))
    if report:
        pytest.fail(
            f"Problems on {len(report)} of {len(visits)} account pages:\n\n"
            + "\n\n".join(report)
            + f"\n\nServer log (end):\n{town_server.log_tail()}",
            pytrace=False,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("town", TOWNS)
def test_account_pages_send_an_anonymous_visitor_to_the_login_page(town_server, town):
    host = TOWNS[town][0]
    for path in ACCOUNT_PATHS:
        connection = http.client.HTTPConnection("127.0.0.1", town_server.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": f"{host}:{town_server.port}"})
            response = connection.getresponse()
            assert response.status == 302, (path, response.status)
            assert response.getheader("Location", "").startswith("/logowanie/?next="), path
        finally:
            connection.close()
