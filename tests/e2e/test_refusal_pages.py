"""The pages a host answers with instead of a town's site — unknown host (404), town being
set up or suspended (503), being updated (503), archived (410) — pass axe-core WCAG 2.1
A/AA in Chromium and say what happened in Polish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tenants.models import Municipality
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def _town(status: str, migrating: bool = False) -> Municipality:
    return Municipality(
        schema_name="kamienica",
        name="Kamienica",
        official_name="Gmina Kamienica",
        status=status,
        migrating=migrating,
    )


REFUSALS = {
    "provisioning": ("tenants/not_served.html", _town("provisioning"), "being set up"),
    "suspended": ("tenants/not_served.html", _town("suspended"), "temporarily unavailable"),
    "updating": ("tenants/updating.html", _town("active", migrating=True), "being updated"),
    "archived": ("tenants/archived.html", _town("archived"), "has been closed"),
}


def _violations(browser, axe_script: Path, *, html: str = "", url: str = "") -> list[dict]:
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        if url:
            page.goto(url, wait_until="load")
        else:
            page.set_content(html, wait_until="load")
        return run_axe(page, axe_script)
    finally:
        context.close()


@pytest.mark.parametrize("case", REFUSALS)
def test_refusal_page_is_accessible_and_bilingual(browser, axe_script, case):
    template, town, english = REFUSALS[case]
    with translation.override("pl"):
        html = render_to_string(template, {"municipality": town})
    assert '<html lang="pl">' in html and english in html
    violations = _violations(browser, axe_script, html=html)
    assert violations == [], "\n".join(line for v in violations for line in _describe(v))


def test_unknown_host_page_served_over_http_is_accessible(browser, axe_script, town_server):
    violations = _violations(browser, axe_script, url=town_server.url("nieznana.localhost"))
    assert violations == [], "\n".join(line for v in violations for line in _describe(v))
