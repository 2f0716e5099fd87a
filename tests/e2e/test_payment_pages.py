"""Paying an installment in the browser: obligation → basket → the Przelewy24 simulator →
return page, each page free of WCAG 2.1 A/AA violations (axe-core), and the installment
paid exactly once. The demo data is put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.finance.gateways.models import GatewayNotification, PaymentIntent
from eurzad.finance.models import Installment, Obligation, Payment
from tests.conftest import ZEMBRZYCE_HOST
from tests.e2e.login import log_in
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]
JAN_PESEL = "44051401359"


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


def test_resident_pays_an_installment_through_the_simulator(
    browser, town_server, axe_script, committed_db
):
    report: list[str] = []
    context = browser.new_context(locale="pl-PL")
    try:
        with _books_restored("zembrzyce") as obligation:
            page = context.new_page()
            log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski")
            page.goto(
                town_server.url(ZEMBRZYCE_HOST, f"/konto/zobowiazania/{obligation.pk}/"),
                wait_until="load",
            )
            checkbox = page.locator("input[name=installment]").first
            installment_id = int(checkbox.get_attribute("value"))
            checkbox.check()
            page.get_by_role("button", name="Przejdź do płatności").click()
            page.wait_for_load_state("load")
            _axe(page, "basket", axe_script, report)
            page.get_by_role("button", name="Zapłać").click()
            page.wait_for_url("**/symulator-p24/**")
            _axe(page, "Przelewy24 simulator", axe_script, report)
            page.get_by_label("Zapłać (sukces)").check()
            page.get_by_role("button", name="Dalej").click()
            page.wait_for_url("**/powrot/**")
            expect(page.get_by_role("status")).to_contain_text("Płatność przyjęta", timeout=20000)
            _axe(page, "return page", axe_script, report)
            with schema_context("zembrzyce"):
                installment = Installment.objects.get(pk=installment_id)
                assert installment.state == Installment.State.PAID
                assert installment.allocations.count() == 1
    finally:
        context.close()
    if report:
        pytest.fail("Accessibility problems:\n\n" + "\n\n".join(report), pytrace=False)
