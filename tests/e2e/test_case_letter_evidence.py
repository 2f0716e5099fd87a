"""A letter of the office reaches Jan through the e-Doręczenia simulator and he sees its
evidence in his case, on a phone: the office sends his demo letter (as ``run_demo`` does),
the worker's task hands it to the simulator, Jan collects it there, the periodic check
fetches the evidence; in Chromium at 390 px the case shows the evidence of sending and of
delivery, with no WCAG 2.1 A/AA violation and nothing wider than the screen, and the
evidence downloads as the provider issued it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.cases.models import CaseDocument, LetterDelivery, LetterEvidence
from eurzad.cases.tasks import check_letter_deliveries, send_letter
from eurzad.channels.simulator.ade import delivery as ade
from eurzad.demo.cases import SENT_LETTER_TITLE, send_demo_letters
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import account_removed_afterwards, log_in
from tests.e2e.test_payment_pages import PHONE, _axe

pytestmark = [pytest.mark.e2e]

HOSTS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}
FETCH = """async path => {
  const response = await fetch(path);
  return [response.status, (await response.text()).slice(0, 60)];
}"""
# Not following a redirect (to the login page): an opaque redirect reads as status 0.
FETCH_STATUS_ONLY = """async path => (await fetch(path, {redirect: "manual"})).status"""


@pytest.fixture
def simulated_channels(town_server, settings):  # type: ignore[no-untyped-def]
    settings.EDORECZENIA_SIMULATOR_URL = f"{town_server.base}/symulator-edoreczenia"
    settings.EPUAP_SIMULATOR_URL = f"{town_server.base}/symulator-epuap"
    return town_server


def _letter_removed_afterwards(schema: str) -> Iterator[None]:
    try:
        yield
    finally:
        with schema_context(schema):  # kept for good in a town (PROTECT): removed in order
            letters = CaseDocument.objects.filter(title=SENT_LETTER_TITLE)
            LetterEvidence.objects.filter(delivery__document__in=letters).delete()
            LetterDelivery.objects.filter(document__in=letters).delete()
            letters.delete()


@pytest.mark.parametrize("schema", HOSTS)
def test_jan_sees_the_evidence_of_the_letter_sent_to_him(
    browser, simulated_channels, axe_script, committed_db, schema
):
    host = HOSTS[schema]
    cleanup = _letter_removed_afterwards(schema)
    next(cleanup)
    report: list[str] = []
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    try:
        with schema_context(schema):
            (queued,) = send_demo_letters()
            send_letter.apply(args=[queued.pk])
            sent = LetterDelivery.objects.get(pk=queued.pk)
            assert (sent.route, sent.state) == ("edoreczenia", "sent"), sent.last_error
        assert ade.collect(sent.message_id)
        with schema_context(schema):
            check_letter_deliveries()
            delivered = LetterDelivery.objects.get(pk=sent.pk)
            assert delivered.state == "delivered"
            case_id = delivered.document.case_id
            evidence_url = delivered.evidences.get(kind="E.1").file.url
        with account_removed_afterwards(schema):
            page = context.new_page()
            log_in(page, simulated_channels, host, "Jan Kowalski")
            page.goto(simulated_channels.url(host, f"/konto/sprawy/{case_id}/"), wait_until="load")
            row = page.locator("tr", has=page.locator(f"th:text-is('{SENT_LETTER_TITLE}')"))
            expect(row).to_contain_text("Doręczono")
            expect(row.get_by_role("link", name="Dowód doręczenia (E.1)")).to_be_visible()
            expect(row.get_by_role("link", name="Dowód wysłania (A.1)")).to_be_visible()
            _axe(page, f"{host} case with a sent letter", axe_script, report)
            status, start = page.evaluate(FETCH, evidence_url)
            assert status == 200 and start.startswith("<?xml"), (status, start)
        # Without Jan's session the evidence is nobody's to read.
        anonymous = context.browser.new_context(locale="pl-PL")
        try:
            stranger = anonymous.new_page()
            stranger.goto(simulated_channels.url(host, "/"), wait_until="load")
            assert stranger.evaluate(FETCH_STATUS_ONLY, evidence_url) in (0, 403, 404)
        finally:
            anonymous.close()
    finally:
        context.close()
        next(cleanup, None)
    if report:
        pytest.fail("Accessibility problems:\n\n" + "\n\n".join(report), pytrace=False)
