"""Moje sprawy in headless Chromium, for Jan Kowalski logged in through the login.gov.pl
simulator in each demo town (his demo cases are seeded there: one waiting for him, one
closed): zero WCAG 2.1 A/AA violations (axe-core) on the list and both cases; the
letter downloads; no PESEL unmasked; nothing of the other town. The page "Odpowiedz
urzędowi" of the waiting case, on a phone (390 px), as offered and with its errors: laid
out to fit and zero violations."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.cases.models import Case, CaseDocument
from tests.e2e.layout import layout_problems
from tests.e2e.login import account_removed_afterwards, log_in
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe
from tests.e2e.test_finance_pages import JAN_PESEL, PESELS, TOWNS

pytestmark = [pytest.mark.e2e]

FETCH_STATUS = """async path => {
  const response = await fetch(path);
  return [response.status, (await response.text()).slice(0, 20)];
}"""


def _jans_paths(schema: str) -> tuple[list[str], str]:
    """The case pages of Jan's demo data, and his demo letter's one download path (the
    link the case page shows)."""
    with schema_context(schema):
        cases = list(
            Case.objects.filter(party__pesel=JAN_PESEL, source="demo").order_by("external_id")
        )
        letter = CaseDocument.objects.filter(case__in=cases).exclude(attachment="").first()
    paths = ["/konto/sprawy/", *(f"/konto/sprawy/{case.pk}/" for case in cases)]
    download = letter.attachment.url if letter else ""
    return paths, download


def _reply_path(schema: str) -> str:
    """ "Odpowiedz urzędowi" of Jan's demo case the office waits on."""
    with schema_context(schema):
        case = Case.objects.get(
            party__pesel=JAN_PESEL, source="demo", status__waiting_for_resident=True
        )
    return f"/konto/sprawy/{case.pk}/odpowiedz/"


def _reply_page_problems(page, town_server, town: str, host: str, axe_script) -> list[str]:
    """The reply page on a phone, as offered and after sending it empty (nothing is sent:
    the text is required)."""
    page.set_viewport_size({"width": 390, "height": 844})
    path = _reply_path(town)
    report = []
    response = page.goto(town_server.url(host, path), wait_until="load")
    for state in ("offered", "with errors"):
        if state == "with errors":
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name="Wyślij odpowiedź").click()
            expect(page.get_by_role("heading", name="Popraw błędy w formularzu")).to_be_visible()
        lines = [] if response and response.status == 200 else ["  did not answer 200"]
        lines.extend(f"  {problem}" for problem in layout_problems(page))
        for violation in run_axe(page, axe_script):
            lines.extend(_describe(violation))
        if lines:
            report.append(f"{host} {path} ({state}, 390 px)\n" + "\n".join(lines))
    return report


@pytest.mark.parametrize("town", TOWNS)
def test_case_pages_of_a_logged_in_resident_have_no_wcag_21_violations(
    browser, town_server, axe_script, committed_db, town
):
    host, forbidden = TOWNS[town]
    paths, download = _jans_paths(town)
    assert len(paths) == 3 and download, "Jan's demo cases are missing"
    report: list[str] = []
    context = browser.new_context(locale="pl-PL")
    try:
        with account_removed_afterwards(town):
            page = context.new_page()
            log_in(page, town_server, host, "Jan Kowalski")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
            for path in paths:
                response = page.goto(town_server.url(host, path), wait_until="load")
                status = response.status if response else None
                text = page.title() + "\n" + page.inner_text("body")
                violations = run_axe(page, axe_script)
                lines = [] if status == 200 else [f"  answered {status}, expected 200"]
                if "Jan Kowalski" not in text:
                    lines.append("  the resident bar (Jan Kowalski) is missing")
                lines.extend(f"  PESEL {p} shown unmasked" for p in PESELS if p in text)
                lines.extend(
                    f"  text of the other town shown: {word!r}"
                    for word in forbidden
                    if word.casefold() in text.casefold()
                )
                for violation in violations:
                    lines.extend(_describe(violation))
                if lines:
                    report.append(f"{host} {path}\n" + "\n".join(lines))
            # Fetched by the page itself: Chromium alone resolves *.localhost.
            status, start = page.evaluate(FETCH_STATUS, download)
            if status != 200 or not start.startswith("Wezwanie"):
                report.append(f"{host} {download}\n  answered {status}")
            if page.locator(f'a[href="{download}"]').count() == 0:
                page.goto(town_server.url(host, paths[1]), wait_until="load")
                if page.locator(f'a[href="{download}"]').count() == 0:
                    report.append(f"{host} {download}\n  no case page links it")
            report.extend(_reply_page_problems(page, town_server, town, host, axe_script))
        # Nobody else gets it: a visitor without a session.
        stranger = context.browser.new_context(locale="pl-PL").new_page()
        stranger.goto(town_server.url(host, "/"), wait_until="load")
        status, _start = stranger.evaluate(FETCH_STATUS, download)
        if status != 404:
            report.append(f"{host} {download}\n  answered {status} to a visitor, expected 404")
        stranger.context.close()
    finally:
        context.close()
    if report:
        pytest.fail(
            f"Problems on {len(report)} case pages:\n\n"
            + "\n\n".join(report)
            + f"\n\nServer log (end):\n{town_server.log_tail()}",
            pytrace=False,
        )
