"""The Content-Security-Policy in a real browser, where it is not bypassed: nothing of the
site is blocked on the pages the other browser tests do not visit — the Wagtail admin
(page editor, image chooser, an inline panel, a snippet form), the operator console, the
API's documentation, the simulators, the branded error pages — and what the policy must
block is blocked. Every browser test fails on a violation (tests/e2e/policy_watch.py);
this module adds these pages, and checks that the watch itself sees a violation."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from cms.models import Alert, FeedbackFormPage, NewsPage
from tenants.console.models import Operator
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST
from tests.e2e.policy_watch import run_axe
from tests.e2e.test_accessibility import _describe

# No wrapping transaction: the server is another process and must see what a test adds.
pytestmark = [pytest.mark.e2e]

WAIT_FOR_CONSOLE_MS = 300  # console messages reach the test asynchronously
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_the_watch_reports_what_the_policy_blocks(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(ZEMBRZYCE_HOST, "/"), wait_until="load")
        with pytest.raises(Exception, match="script"):
            page.add_script_tag(content="window.injected = true;")
        assert page.evaluate("window.injected") is None
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()
    violations = browser.take_violations()
    assert any("script-src" in violation for violation in violations), violations


def _log_in_to_admin(page, town_server, host: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(town_server.url(host, "/admin/login/"), wait_until="load")
    page.locator("#id_username").fill("redaktor")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_wagtail_admin_works_under_the_policy(browser, town_server, demo_towns, committed_db):
    host = ZEMBRZYCE_HOST
    with schema_context("zembrzyce"):
        news = NewsPage.objects.live().first()
        form_page = FeedbackFormPage.objects.first()
        alert = Alert.objects.first()
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        _log_in_to_admin(page, town_server, host, demo_towns[host].editor_password)
        page.goto(town_server.url(host, f"/admin/pages/{news.pk}/edit/"), wait_until="load")
        # The date pickers' inline set-up scripts ran (each adds its calendar).
        expect(page.locator(".xdsoft_datetimepicker")).not_to_have_count(0)
        page.locator("#id_image-chooser .w-dropdown__toggle").click()
        page.locator("#id_image-chooser [data-chooser-action-choose]").first.click()
        modal = page.locator(".modal-content")
        expect(modal).to_be_visible()
        expect(modal.locator(".listing, [data-chooser-results]").first).to_be_visible()
        page.goto(town_server.url(host, f"/admin/pages/{form_page.pk}/edit/"), wait_until="load")
        page.locator("[id$='-ADD']").first.click()  # an inline panel's new child
        expect(page.locator("[id^='inline_child_form_fields']").last).to_be_visible()
        page.goto(
            town_server.url(host, f"/admin/snippets/cms/alert/edit/{alert.pk}/"),
            wait_until="load",
        )
        expect(page.locator("#id_title")).to_have_value(alert.title)
        expect(page.locator(".xdsoft_datetimepicker")).not_to_have_count(0)
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()


def test_api_documentation_renders_under_the_policy(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(GLOGOW_HOST, "/api/v1/docs/"), wait_until="load")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("eurzad API")
        expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
        assert browser.take_violations() == []
        page.goto(town_server.url(GLOGOW_HOST, "/api/v1/redoc/"), wait_until="load")
        # ReDoc renders the whole schema in the browser: slow on a busy machine.
        expect(page.get_by_role("heading", name=re.compile("eurzad API"))).to_be_visible(
            timeout=30_000
        )
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()
    # ReDoc always shows Redocly's logo from its CDN: the policy keeps that request from
    # leaving the browser, and that is the one thing it blocks.
    blocked = browser.take_violations()
    assert blocked and all(REDOCLY_LOGO in violation for violation in blocked), blocked


# host, path, its heading, and whether it has a stylesheet of its own
SIMULATOR_PAGES = [
    (PLATFORM_HOST, "/symulator-epuap/nadaj", "Symulator ePUAP", True),
    (PLATFORM_HOST, "/symulator-edoreczenia/adresaci/", "Symulator e-Doręczeń", True),
    (PLATFORM_HOST, "/symulator-wk/sesje/", "Symulator login.gov.pl", True),
    (PLATFORM_HOST, "/symulator-p24/powiadomienia/", "Symulator Przelewy24", True),
    (PLATFORM_HOST, "/symulator-payu/powiadomienia/", "Symulator PayU", True),
    (ZEMBRZYCE_HOST, "/symulator-push/", "Symulator usług push", True),
    (PLATFORM_HOST, "/", "eurzad", True),
    (PLATFORM_HOST, "/nie-ma-takiej-strony/", "Nie znaleziono strony", True),
]


@pytest.mark.parametrize(("host", "path", "heading", "styled"), SIMULATOR_PAGES)
def test_simulators_and_platform_pages_render_under_the_policy(
    browser, town_server, axe_script, host, path, heading, styled
):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(host, path), wait_until="load")
        expect(page.locator("h1").first).to_contain_text(heading)
        if styled:  # its stylesheet (once inline) applied
            font = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert "system-ui" in font, font
        violations = run_axe(page, axe_script) if host == PLATFORM_HOST and styled else []
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()
    assert violations == [], "\n".join(line for v in violations for line in _describe(v))


@pytest.fixture
def console_operator(committed_db):
    """An operator who has not set up 2FA yet (the console shows its QR code)."""
    user = get_user_model().objects.create_user("operator-csp", password="haslo-operatora-csp")
    operator = Operator.objects.create(user=user)
    try:
        yield operator
    finally:
        Operator.objects.filter(pk=operator.pk).delete()
        # Raw SQL: the ORM's cascade would look for tenant-only tables (Wagtail's user
        # profiles) in the public schema.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_user WHERE id = %s", [user.pk])


def test_operator_console_works_under_the_policy(browser, town_server, console_operator):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(PLATFORM_HOST, "/konsola/"), wait_until="load")
        page.get_by_label("Nazwa użytkownika").fill("operator-csp")
        page.get_by_label("Hasło").fill("haslo-operatora-csp")
        page.get_by_role("button", name="Dalej").click()
        page.wait_for_url("**/konsola/logowanie/2fa/**")
        expect(page.locator("figure svg")).to_be_visible()  # the QR code, inline SVG
        secret = page.locator("figcaption code").inner_text().strip()
        page.get_by_label("Kod z aplikacji").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Potwierdź").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text(
            "Włącz logowanie dwuskładnikowe"
        )
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font, font
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()


def _crash_page(host: str) -> tuple[int, dict[str, str], str]:
    """What a host answers when a view fails (tests/core/town_urls.py, platform_urls.py), with the
    app's own 500 handler."""
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    urlconfs = {
        "ROOT_URLCONF": "tests.core.town_urls",
        "PUBLIC_SCHEMA_URLCONF": "tests.core.platform_urls",
    }
    with override_settings(**urlconfs):
        response = client.get("/test-500/")
    return response.status_code, dict(response.headers), response.content.decode()


@pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, PLATFORM_HOST])
def test_server_error_page_is_branded_accessible_and_within_the_policy(
    browser, town_server, axe_script, committed_db, host
):
    status, headers, html = _crash_page(host)
    assert status == 500
    url = town_server.url(host, "/test-500/")  # served here as the app answered it
    context = browser.new_context(locale="pl-PL")
    try:
        context.route(
            url,
            lambda route: route.fulfill(
                status=500,
                headers={
                    name: value
                    for name, value in headers.items()
                    if name.lower() in {"content-type", "content-security-policy"}
                },
                body=html,
            ),
        )
        page = context.new_page()
        page.goto(url, wait_until="load")
        expect(page.locator("h1")).to_contain_text("Wystąpił błąd serwisu")
        if host != PLATFORM_HOST:
            expect(page.locator("header")).to_contain_text("Zembrzyce")
        violations = run_axe(page, axe_script)
        page.wait_for_timeout(WAIT_FOR_CONSOLE_MS)
    finally:
        context.close()
    assert violations == [], "\n".join(line for v in violations for line in _describe(v))
