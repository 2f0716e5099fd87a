"""Paying an installment in the browser at a phone's width, through each demo town's
gateway (Zembrzyce: the Przelewy24 simulator, Głogów: the PayU simulator): obligation →
basket → the gateway's page → return page, each page free of WCAG 2.1 A/AA violations
(axe-core); the installment paid exactly once and shown paid. A refused or abandoned
payment says so and books nothing. The demo data is put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.finance.gateways.models import GatewayNotification, PaymentIntent
from eurzad.finance.models import Installment, Obligation, Payment
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import log_in
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]
JAN_PESEL = "44051401359"
PHONE = {"width": 390, "height": 844}
# gateway: the town that pays through it, its schema, where its payer's page is
GATEWAYS = {
    "przelewy24": (ZEMBRZYCE_HOST, "zembrzyce", "**/symulator-p24/**"),
    "payu": (GLOGOW_HOST, "glogow", "**/symulator-payu/**"),
}
# what the payer does on the gateway's page → what the return page says
FAILURES = {
    ("przelewy24", "Odrzuć płatność"): "Płatność przerwana",  # no payment: abandoned
    ("przelewy24", "Wróć bez płacenia"): "Płatność przerwana",
    ("payu", "Odrzuć płatność"): "Płatność nieudana",  # PayU notifies CANCELED
    ("payu", "Wróć bez płacenia"): "Płatność przerwana",
}


@contextmanager
def _books_restored(schema: str) -> Iterator[Obligation]:
    with schema_context(schema):
        obligation = Obligation.objects.get(
            party__pesel=JAN_PESEL,
            source="demo",
            year=timezone.localdate().year,
            kind__code="podatek-od-nieruchomosci",
        )
        before = {i.pk: (i.paid, i.state) for i in obligation.installments.all()}
        payments = set(Payment.objects.values_list("pk", flat=True))
        intents = set(PaymentIntent.objects.values_list("pk", flat=True))
    try:
        yield obligation
    finally:
        with schema_context(schema):
            new_intents = PaymentIntent.objects.exclude(pk__in=intents)
            GatewayNotification.objects.filter(intent__in=new_intents).delete()
            new_intents.delete()
            Payment.objects.exclude(pk__in=payments).delete()
            for pk, (paid, state) in before.items():
                Installment.objects.filter(pk=pk).update(paid=paid, state=state)


def _axe(page, label: str, axe_script, report: list[str]) -> None:  # type: ignore[no-untyped-def]
    lines = [line for v in run_axe(page, axe_script) for line in _describe(v)]
    if lines:
        report.append(f"{label}\n" + "\n".join(lines))
    # Nothing wider than the phone's screen: no sideways scrolling at 390 px.
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        report.append(f"{label}: {width} px wide at a {PHONE['width']} px viewport")


def _to_the_gateway(page, town_server, host: str, obligation, axe_script, report) -> int:  # type: ignore[no-untyped-def]
    """Log in as Jan, choose the first installment due, Zapłać: at the gateway's page.
    Returns the installment's id."""
    log_in(page, town_server, host, "Jan Kowalski")
    page.goto(town_server.url(host, f"/konto/zobowiazania/{obligation.pk}/"), wait_until="load")
    checkbox = page.locator("input[name=installment]").first
    installment_id = int(checkbox.get_attribute("value"))
    checkbox.check()
    page.get_by_role("button", name="Przejdź do płatności").click()
    page.wait_for_load_state("load")
    _axe(page, "basket", axe_script, report)
    page.get_by_role("button", name="Zapłać").click()
    return installment_id


@pytest.mark.parametrize("gateway", GATEWAYS)
def test_resident_pays_an_installment_through_the_towns_gateway(
    browser, town_server, axe_script, committed_db, gateway
):
    host, schema, gateway_page = GATEWAYS[gateway]
    report: list[str] = []
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    try:
        with _books_restored(schema) as obligation:
            page = context.new_page()
            installment_id = _to_the_gateway(page, town_server, host, obligation, axe_script,
                                              report)  # fmt: skip
            page.wait_for_url(gateway_page)
            _axe(page, f"{gateway} simulator", axe_script, report)
            page.get_by_label("Zapłać (sukces)").check()
            page.get_by_role("button", name="Dalej").click()
            page.wait_for_url("**/powrot/**")
            expect(page.get_by_role("status")).to_contain_text("Płatność przyjęta", timeout=20000)
            _axe(page, "return page", axe_script, report)
            with schema_context(schema):
                installment = Installment.objects.get(pk=installment_id)
                assert installment.state == Installment.State.PAID
                assert installment.allocations.count() == 1
            # The obligation shows it paid.
            page.goto(town_server.url(host, f"/konto/zobowiazania/{obligation.pk}/"),
                      wait_until="load")  # fmt: skip
            row = page.locator(
                "tr", has=page.locator(f"th[scope=row]:text-is('{installment.number}')")
            )
            expect(row.first).to_contain_text("Zapłacona")
    finally:
        context.close()
    if report:
        pytest.fail("Accessibility problems:\n\n" + "\n\n".join(report), pytrace=False)


@pytest.mark.parametrize(("gateway", "choice"), list(FAILURES))
def test_a_refused_or_abandoned_payment_says_so_and_books_nothing(
    browser, town_server, axe_script, committed_db, gateway, choice
):
    host, schema, gateway_page = GATEWAYS[gateway]
    report: list[str] = []
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    try:
        with _books_restored(schema) as obligation:
            page = context.new_page()
            installment_id = _to_the_gateway(page, town_server, host, obligation, axe_script,
                                              report)  # fmt: skip
            page.wait_for_url(gateway_page)
            with schema_context(schema):
                before = Installment.objects.get(pk=installment_id).paid
            page.get_by_label(choice).check()
            page.get_by_role("button", name="Dalej").click()
            page.wait_for_url("**/powrot/**")
            expect(page.get_by_role("status")).to_contain_text(FAILURES[gateway, choice],
                                                               timeout=20000)  # fmt: skip
            _axe(page, "return page", axe_script, report)
            with schema_context(schema):
                installment = Installment.objects.get(pk=installment_id)
                assert installment.paid == before
                assert not Payment.objects.filter(intent__items__installment=installment).exists()
    finally:
        context.close()
    if report:
        pytest.fail("Accessibility problems:\n\n" + "\n\n".join(report), pytrace=False)
