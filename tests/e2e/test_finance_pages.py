"""Moje zobowiązania and Wpłaty in headless Chromium, for Jan Kowalski logged in through
the login.gov.pl simulator in each demo town (his demo obligations and payments are
seeded there): zero WCAG 2.1 A/AA violations (axe-core) on the list, a year tab, an
obligation with its QR code and payment form, the payments and a payment; the PDF
confirmation downloads; no PESEL unmasked; nothing of the other town."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.finance.models import Obligation, Payment
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import account_removed_afterwards, log_in
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]

JAN_PESEL = "44051401359"
PESELS = ("44051401359", "85121612343", "02270803624")
FETCH_START = """async path => {
  const response = await fetch(path);
  const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
  return [response.status, response.headers.get('content-type'), String.fromCharCode(...bytes)];
}"""
TOWNS = {
    "zembrzyce": (ZEMBRZYCE_HOST, ("Głogów", "Głogow", "glogow")),
    "glogow": (GLOGOW_HOST, ("Zembrzyc",)),
}


def _jans_paths(schema: str) -> tuple[list[str], str]:
    """The finance pages of Jan's demo data, and his newest payment's PDF path."""
    year = timezone.localdate().year
    with schema_context(schema):
        obligations = Obligation.objects.filter(party__pesel=JAN_PESEL, source="demo")
        tax = obligations.get(year=year, kind__code="podatek-od-nieruchomosci")
        last_year = obligations.filter(year=year - 1).first()
        payment = Payment.objects.filter(party__pesel=JAN_PESEL).order_by("-booked_on").first()
    paths = ["/konto/zobowiazania/", f"/konto/zobowiazania/{tax.pk}/", "/konto/wplaty/"]
    if last_year is not None:
        paths.append(f"/konto/zobowiazania/?rok={year - 1}")
        paths.append(f"/konto/zobowiazania/{last_year.pk}/")
    if payment is not None:
        paths.append(f"/konto/wplaty/{payment.pk}/")
    return paths, f"/konto/wplaty/{payment.pk}/potwierdzenie.pdf" if payment else ""


@pytest.mark.parametrize("town", TOWNS)
def test_finance_pages_of_a_logged_in_resident_have_no_wcag_21_violations(
    browser, town_server, axe_script, committed_db, town
):
    host, forbidden = TOWNS[town]
    paths, pdf_path = _jans_paths(town)
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
            if pdf_path:  # fetched by the page itself: Chromium alone resolves *.localhost
                status, content_type, start = page.evaluate(FETCH_START, pdf_path)
                if status != 200 or content_type != "application/pdf" or start != "%PDF-":
                    report.append(f"{host} {pdf_path}\n  answered {status} {content_type}")
    finally:
        context.close()
    if report:
        pytest.fail(
            f"Problems on {len(report)} finance pages:\n\n"
            + "\n\n".join(report)
            + f"\n\nServer log (end):\n{town_server.log_tail()}",
            pytrace=False,
        )
