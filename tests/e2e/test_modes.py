"""High contrast and large text persist and stay accessible; form errors are summarised,
focused and accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.policy_watch import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

HOSTS = pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, GLOGOW_HOST], ids=["zembrzyce", "glogow"])


def _violations(page, axe_script) -> list[str]:
    found = run_axe(page, axe_script)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)" for v in found]


@HOSTS
def test_high_contrast_and_large_text_persist_and_pass_axe(browser, town_server, axe_script, host):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(host, "/"), wait_until="load")
        page.get_by_role("button", name="Wysoki kontrast").click()
        page.get_by_role("button", name="A++ (największy)").click()
        html = page.locator("html")
        expect(html).to_have_class("js high-contrast text-size-2")
        expect(page.get_by_role("button", name="Wysoki kontrast")).to_have_attribute(
            "aria-pressed", "true"
        )
        page.goto(town_server.url(host, "/katalog-uslug/"), wait_until="load")
        expect(html).to_have_class("js high-contrast text-size-2")
        assert _violations(page, axe_script) == []
        page.get_by_role("button", name="Wysoki kontrast").click()
        page.get_by_role("button", name="A (normalny)").click()
        page.reload(wait_until="load")
        expect(html).to_have_class("js")  # high contrast and large text are off again
    finally:
        context.close()


@HOSTS
def test_form_errors_are_summarised_focused_and_accessible(browser, town_server, axe_script, host):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(host, "/opinia/"), wait_until="load")
        page.get_by_role("button", name="Wyślij opinię").click()
        page.wait_for_load_state("load")
        summary = page.locator("[data-error-summary]")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(summary.get_by_role("link").first).to_be_visible()
        assert _violations(page, axe_script) == []
    finally:
        context.close()
