"""Moje zobowiązania and Wpłaty in headless Chromium, for Jan Kowalski logged in through
the login.gov.pl simulator in each demo town (his demo obligations and payments are
seeded there): zero WCAG 2.1 A/AA violations (axe-core) on the list, a year tab, an
obligation with its QR code and payment form, the payments and a payment; the PDF
confirmation downloads; no PESEL unmasked; nothing of the other town. The balance
(Rozliczenie), with a year stated by the office beside one the portal works out, on a
390 px phone: nothing cut off, each amount labelled, zero violations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.finance.models import AccountBalance, Obligation, ObligationKind, Payment
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.layout import layout_problems
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
    paths = [
        "/konto/zobowiazania/",
        f"/konto/zobowiazania/{tax.pk}/",
        # The interest calculator's answer, and the rates with their sources.
        f"/konto/zobowiazania/{tax.pk}/?na_dzien={timezone.localdate() + timedelta(days=14)}",
        "/konto/zobowiazania/stawki-odsetek/",
        "/konto/rozliczenie/",
        "/konto/wplaty/",
    ]
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


@contextmanager
def _office_statement(schema: str) -> Iterator[int]:
    """Jan's property tax of last year as the tax system states it (beside this year's,
    which the portal works out itself), for the test's length; yields its year."""
    year = timezone.localdate().year - 1
    with schema_context(schema):
        balance = AccountBalance.objects.create(
            party=Party.objects.get(pesel=JAN_PESEL),
            kind=ObligationKind.objects.get(code="podatek-od-nieruchomosci"),
            year=year,
            as_of=timezone.localdate() - timedelta(days=3),
            # A firm's amounts: the widest a row usually gets.
            assessed=Decimal("14120.00"),
            corrections=Decimal("-1120.00"),
            written_off=Decimal("1000.00"),
            paid=Decimal("6000.00"),
            arrears=Decimal("6000.00"),
            interest=Decimal("480.00"),
            to_pay=Decimal("6480.00"),
            source="e2e",
            external_id="RZ-E2E-JAN",
        )
    try:
        yield year
    finally:
        with schema_context(schema):
            balance.delete()


@pytest.mark.parametrize("town", TOWNS)
def test_the_balance_on_a_phone_fits_says_whose_figures_and_has_no_wcag_21_violations(
    browser, town_server, axe_script, committed_db, town
):
    host, _forbidden = TOWNS[town]
    context = browser.new_context(locale="pl-PL", viewport={"width": 390, "height": 844})
    try:
        with account_removed_afterwards(town), _office_statement(town) as year:
            page = context.new_page()
            log_in(page, town_server, host, "Jan Kowalski")
            response = page.goto(town_server.url(host, "/konto/rozliczenie/"), wait_until="load")
            assert response is not None and response.status == 200
            tables = page.locator("main table")
            assert tables.count() >= 2  # this year's and last year's
            expect(page.get_by_text("wyliczone w portalu na dziś").first).to_be_visible()
            expect(page.get_by_text("według systemu podatkowego urzędu, stan na")).to_be_visible()
            office_row = page.locator("tr", has_text="według systemu podatkowego urzędu")
            # On a phone each row is a block, each amount labelled with its column.
            expect(office_row.locator('[data-label="Przypis korekcyjny"]')).to_contain_text(
                "-1\u00a0120,00"
            )
            expect(page.get_by_role("heading", name=f"Rok {year}", level=2)).to_be_visible()
            problems = layout_problems(page)
            for violation in run_axe(page, axe_script):
                problems.extend(line.strip() for line in _describe(violation))
    finally:
        context.close()
    assert not problems, "\n".join(problems) + f"\n\n{town_server.log_tail(2000)}"
