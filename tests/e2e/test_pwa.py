"""The installable e-Urząd in headless Chromium: the service worker takes over the town's
host, keeps the resident's obligations for when the network is gone, shows them on the
offline page with the time they were saved, and forgets them on logout or when someone
else logs in. The Web Push switch shows only where the browser can push, is labelled,
and never throws (delivery itself is tested at protocol level by the push work).

Pages under test are served by a real gunicorn process (tests/e2e/conftest.py)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.finance.models import Obligation
from tests.conftest import ZEMBRZYCE_HOST
from tests.e2e.login import JAN_PESEL, account_removed_afterwards, log_in
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]

PERSONAL_CACHE = "eurzad-personal-v1"
SNAPSHOT_KEY = "/pwa/kopia/zobowiazania"
WORKER_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active ? registration.active.scriptURL : null;
}"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
HAS_SNAPSHOT = f"""async () => {{
  if (!(await caches.has('{PERSONAL_CACHE}'))) return false;
  const cache = await caches.open('{PERSONAL_CACHE}');
  return Boolean(await cache.match('{SNAPSHOT_KEY}'));
}}"""
PLANT_SOMEONE_ELSES_SNAPSHOT = f"""async () => {{
  const cache = await caches.open('{PERSONAL_CACHE}');
  await cache.put('{SNAPSHOT_KEY}', new Response('<main>cudze dane</main>', {{headers: {{
    'Content-Type': 'text/html', 'X-Eurzad-Saved-At': new Date().toISOString(),
    'X-Eurzad-Account': 'ktos-inny'}}}}));
}}"""


def _new_context(browser, **kwargs):  # type: ignore[no-untyped-def]
    return browser.new_context(locale="pl-PL", **kwargs)


def _errors(page) -> list[str]:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _axe_report(page, axe_script) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for violation in run_axe(page, axe_script):
        lines.extend(_describe(violation))
    return lines


@pytest.mark.django_db
def test_service_worker_registers_and_controls_the_town_s_pages(browser, town_server):
    context = _new_context(browser)
    try:
        page = context.new_page()
        errors = _errors(page)
        page.goto(town_server.url(ZEMBRZYCE_HOST, "/"), wait_until="load")
        script = page.evaluate(WORKER_READY)
        assert script == town_server.url(ZEMBRZYCE_HOST, "/sw.js")
        page.wait_for_function(CONTROLLED)
        page.reload(wait_until="load")
        assert page.evaluate(CONTROLLED)
        assert page.evaluate(
            "async () => (await caches.keys()).some(n => n.startsWith('eurzad-static-'))"
        )
        assert errors == []
    finally:
        context.close()


def test_offline_page_shows_the_last_synced_obligations_until_logout(
    browser, town_server, axe_script, committed_db
):
    with schema_context("zembrzyce"):
        kinds = set(
            Obligation.objects.filter(party__pesel=JAN_PESEL).values_list("kind__name", flat=True)
        )
    assert kinds, "the demo data gives Jan Kowalski obligations in Zembrzyce"
    context = _new_context(browser)
    try:
        with account_removed_afterwards("zembrzyce"):
            page = context.new_page()
            errors = _errors(page)
            log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
            page.evaluate(WORKER_READY)
            page.wait_for_function(CONTROLLED)

            # Someone else's copy left in this browser goes as soon as Jan's page shows.
            page.evaluate(PLANT_SOMEONE_ELSES_SNAPSHOT)
            page.reload(wait_until="load")
            page.wait_for_function(f"async () => !(await ({HAS_SNAPSHOT})())")

            page.goto(town_server.url(ZEMBRZYCE_HOST, "/konto/zobowiazania/"), wait_until="load")
            expect(page.get_by_role("heading", name="Zobowiązania i raty", level=1)).to_be_visible()
            page.wait_for_function(HAS_SNAPSHOT)

            context.set_offline(True)
            page.goto(town_server.url(ZEMBRZYCE_HOST, "/konto/zobowiazania/"), wait_until="load")
            expect(
                page.get_by_role("heading", name="Brak połączenia z internetem", level=1)
            ).to_be_visible()
            snapshot = page.get_by_role("region", name="Ostatnio zsynchronizowane zobowiązania")
            expect(snapshot).to_be_visible()
            expect(snapshot).to_contain_text("stan na")
            expect(snapshot).to_contain_text("mogą być nieaktualne")
            for kind in kinds:
                expect(snapshot).to_contain_text(kind)
            expect(snapshot.locator("time[datetime]")).not_to_be_empty()
            retry = page.get_by_role("link", name="Spróbuj ponownie")
            assert retry.get_attribute("href") == "/konto/zobowiazania/"
            violations = _axe_report(page, axe_script)
            assert violations == [], "\n".join(violations)

            context.set_offline(False)
            page.goto(town_server.url(ZEMBRZYCE_HOST, "/konto/"), wait_until="load")
            assert page.evaluate(HAS_SNAPSHOT)
            page.get_by_role("button", name="Wyloguj").click()
            page.wait_for_url("**/logowanie/**")
            assert page.evaluate(HAS_SNAPSHOT) is False

            context.set_offline(True)
            page.goto(town_server.url(ZEMBRZYCE_HOST, "/konto/zobowiazania/"), wait_until="load")
            expect(
                page.get_by_role("heading", name="Brak połączenia z internetem", level=1)
            ).to_be_visible()
            expect(page.get_by_text("nie ma zapisanej kopii")).to_be_visible()
            expect(
                page.get_by_role("region", name="Ostatnio zsynchronizowane zobowiązania")
            ).to_be_hidden()
            assert "Jan Kowalski" not in page.inner_text("body")
            context.set_offline(False)
            assert errors == []
    finally:
        context.close()


def _toggle_page(town_server) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A page of the town's host holding the push switch (no page of ours includes it
    yet: the notifications page will); served by the browser's routing."""
    toggle = Template('{% include "pwa/includes/push_toggle.html" %}').render(
        Context({"csrf_token": "e2e-token"})
    )
    html = (
        '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Powiadomienia</title>'
        f"</head><body><main><h1>Powiadomienia</h1>{toggle}</main></body></html>"
    )
    return town_server.url(ZEMBRZYCE_HOST, "/konto/test-przelacznika-push/"), html


@pytest.mark.django_db
def test_push_switch_is_labelled_and_reports_when_it_cannot_switch_on(
    browser, town_server, axe_script
):
    url, html = _toggle_page(town_server)
    context = _new_context(browser, service_workers="block")
    try:
        context.route(
            url, lambda route: route.fulfill(status=200, content_type="text/html", body=html)
        )
        page = context.new_page()
        errors = _errors(page)
        page.goto(url, wait_until="load")
        group = page.get_by_role("group", name="Powiadomienia w tej przeglądarce:")
        expect(group).to_be_visible()
        expect(group.get_by_role("button", name="włącz")).to_have_attribute("aria-pressed", "false")
        expect(group.get_by_role("button", name="wyłącz")).to_have_attribute("aria-pressed", "true")
        violations = _axe_report(page, axe_script)
        assert violations == [], "\n".join(violations)

        group.get_by_role("button", name="włącz").focus()
        page.keyboard.press("Enter")
        status = page.get_by_role("status")
        expect(status).to_contain_text("Przeglądarka blokuje powiadomienia")  # no push service here
        expect(group.get_by_role("button", name="włącz")).to_be_enabled()
        expect(group.get_by_role("button", name="włącz")).to_have_attribute("aria-pressed", "false")
        assert errors == []
    finally:
        context.close()


@pytest.mark.django_db
def test_push_switch_stays_hidden_where_the_browser_cannot_push(browser, town_server):
    url, html = _toggle_page(town_server)
    context = _new_context(browser, service_workers="block")
    try:
        context.add_init_script("delete window.PushManager;")
        context.route(
            url, lambda route: route.fulfill(status=200, content_type="text/html", body=html)
        )
        page = context.new_page()
        errors = _errors(page)
        page.goto(url, wait_until="load")
        page.wait_for_function("() => document.readyState === 'complete'")
        expect(page.locator("[data-push-toggle]")).to_be_hidden()
        expect(page.get_by_role("button", name="włącz")).to_have_count(0)
        assert errors == []
    finally:
        context.close()
