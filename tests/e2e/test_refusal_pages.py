"""The pages a host answers with instead of a town's site — unknown host (404), town being
set up or suspended (503), being updated (503), archived (410) — pass axe-core WCAG 2.1
A/AA in Chromium and say what happened in Polish and English; so does the login lockout
page (429) of a town's admin, its demo login and the console, at a phone's width too."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import expect

from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
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


# The lockout page (429) after too many wrong passwords, reached as a person would: by
# submitting the login form over and over (a new user name each run, so that nothing
# else the server serves is locked). Checked at a phone's width too.
LOCKOUTS = {
    "town-admin": (ZEMBRZYCE_HOST, "/admin/login/", "username", "password"),
    "town-demo": (GLOGOW_HOST, "/logowanie/demo/", "login", "password"),
    "console": ("localhost", "/konsola/logowanie/", "username", "password"),
}
PHONE = {"width": 390, "height": 844}


def _submit_until_locked(page, url: str, name_field: str, password_field: str) -> int:
    user_name = f"e2e-{uuid.uuid4().hex[:8]}"
    status = 0
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(url, wait_until="load")
        page.fill(f"input[name={name_field}]", user_name)
        page.fill(f"input[name={password_field}]", "zle-haslo")
        with page.expect_navigation(wait_until="load") as answered:
            page.press(f"input[name={password_field}]", "Enter")
        status = answered.value.status if answered.value else 0
        if status == 429:
            break
    return status


@pytest.mark.parametrize("case", LOCKOUTS)
def test_lockout_page_is_accessible_and_fits_a_phone(browser, axe_script, town_server, case):
    host, path, name_field, password_field = LOCKOUTS[case]
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    try:
        page = context.new_page()
        status = _submit_until_locked(page, town_server.url(host, path), name_field, password_field)
        assert status == 429, town_server.log_tail()
        expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie zablokowane")
        assert page.evaluate("document.documentElement.lang") == "pl"
        # Nothing wider than the phone's screen: no sideways scrolling at 390 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = run_axe(page, axe_script)
        assert violations == [], "\n".join(line for v in violations for line in _describe(v))
    finally:
        context.close()
