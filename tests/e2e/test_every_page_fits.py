"""Every page of both demo towns on a phone (390 × 844) and on a laptop (1366 × 768), in
headless Chromium: nothing wider than the screen or past its edge, no text cut off, tap
targets of at least 24 × 24 px, no English word on a Polish page, and zero WCAG 2.1 A/AA
violations (axe-core).

Anonymous visitors see the public pages (tests/e2e/pages.py's town_paths). A resident
logged in through the login.gov.pl simulator sees the home page, the catalogue and every
page of Mój e-Urząd that its links lead to (followed breadth first from /konto/; of the
pages of one shape, e.g. /konto/zobowiazania/<id>/, the first :data:`PER_SHAPE`), with
an access request of his that came through ePUAP (its UPO page) besides the demo data;
in Głogów, again while acting for the person he represents there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.layout import layout_problems
from tests.e2e.login import JAN_PESEL, account_removed_afterwards, log_in
from tests.e2e.pages import ACCOUNT_PATHS, expected_status, town_paths
from tests.e2e.policy_watch import run_axe
from tests.e2e.receipts import access_request_with_upo
from tests.e2e.test_accessibility import _describe

pytestmark = [pytest.mark.e2e]

VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 768)}
TOWNS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}
PER_SHAPE = 2
MAX_ACCOUNT_PAGES = 80
#: What a resident sees outside Mój e-Urząd too (with the resident bar in the header).
LOGGED_IN_PUBLIC = ["/", "/katalog-uslug/?q=podatek", "/rejestry/"]
#: Not pages: files, and what only answers a form.
NOT_A_PAGE = re.compile(r"\.(pdf|xml|csv|png|svg|json)$|/pobierz/|/powrot/|/wyloguj/")


@dataclass
class Seen:
    label: str
    problems: list[str] = field(default_factory=list)


def _check(page, label: str, axe_script, status: int | None, expected: int = 200) -> Seen:
    seen = Seen(label)
    if status != expected:
        seen.problems.append(f"answered {status}, expected {expected}")
    seen.problems.extend(layout_problems(page))
    for violation in run_axe(page, axe_script):
        seen.problems.extend(line.strip() for line in _describe(violation))
    return seen


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _account_links(page, host: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.hostname != host or not parts.path.startswith("/konto/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_A_PAGE.search(parts.path):
            found.append(path)
    return found


def _account_pages(page, town_server, host: str) -> Iterator[tuple[str, int | None]]:
    """Visits the pages of Mój e-Urząd reachable by links, yielding each path once the
    page is shown, with its status."""
    queue = ["/konto/", *ACCOUNT_PATHS]
    seen_paths: set[str] = set()
    shapes: Counter[str] = Counter()
    while queue and len(seen_paths) < MAX_ACCOUNT_PAGES:
        path = queue.pop(0)
        if path in seen_paths or shapes[_shape(path)] >= PER_SHAPE:
            continue
        seen_paths.add(path)
        shapes[_shape(path)] += 1
        response = page.goto(town_server.url(host, path), wait_until="load")
        if response is not None and "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path, response.status if response else None
        queue.extend(
            urljoin(path, link) for link in _account_links(page, host) if link not in seen_paths
        )


MARIA_PESEL = "85121612343"


@contextmanager
def mandate_over(schema: str, resident_pesel: str, party_pesel: str) -> Iterator[None]:
    """The resident may act (and pay) for the person, for the test's length."""
    with schema_context(schema):
        mandate = Representation.objects.create(
            resident=Resident.objects.get(party__pesel=resident_pesel),
            party=Party.objects.get(pesel=party_pesel),
            scope=Representation.Scope.PAY,
            valid_from=timezone.localdate() - timedelta(days=1),
        )
    try:
        yield
    finally:
        with schema_context(schema):
            mandate.delete()


def _act_for(page, town_server, host: str, name: str) -> None:
    """The header's "Działasz jako" switch, opening the phone's menu first."""
    page.goto(town_server.url(host, "/konto/"), wait_until="load")
    toggle = page.locator("[data-menu-toggle]")
    if toggle.is_visible():
        toggle.click()
    switch = page.get_by_label("Działasz jako:")
    switch.select_option(label=name)
    page.get_by_role("button", name="Zmień").click()
    page.wait_for_load_state("load")
    expect(page.locator(".acting-summary")).to_contain_text(name)


def _report(seen: list[Seen], town_server) -> None:
    bad = [item for item in seen if item.problems]
    if bad:
        pytest.fail(
            f"Problems on {len(bad)} of {len(seen)} pages:\n\n"
            + "\n\n".join(item.label + "\n  " + "\n  ".join(item.problems) for item in bad)
            + f"\n\nServer log (end):\n{town_server.log_tail(2000)}",
            pytrace=False,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("town", TOWNS)
def test_public_pages_fit_the_screen(browser, town_server, axe_script, town, viewport):
    host = TOWNS[town]
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": height})
    seen = []
    try:
        page = context.new_page()
        for path in town_paths(town_server.port, host):
            response = page.goto(town_server.url(host, path), wait_until="load")
            status = response.status if response else None
            seen.append(
                _check(page, f"{viewport} {path}", axe_script, status, expected_status(path))
            )
    finally:
        context.close()
    _report(seen, town_server)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("town", TOWNS)
def test_resident_pages_fit_the_screen(
    browser, town_server, axe_script, committed_db, town, viewport
):
    host = TOWNS[town]
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": height})
    seen = []
    try:
        with account_removed_afterwards(town), access_request_with_upo(town, JAN_PESEL):
            page = context.new_page()
            log_in(page, town_server, host, "Jan Kowalski")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
            for path in LOGGED_IN_PUBLIC:
                response = page.goto(town_server.url(host, path), wait_until="load")
                status = response.status if response else None
                seen.append(_check(page, f"{viewport} {path} (logged in)", axe_script, status))
            for path, status in _account_pages(page, town_server, host):
                seen.append(_check(page, f"{viewport} {path}", axe_script, status))
            if town == "glogow":  # Jan represents Maria Wiśniewska there
                with mandate_over(town, JAN_PESEL, MARIA_PESEL):
                    _act_for(page, town_server, host, "Maria Wiśniewska")
                    for path, status in _account_pages(page, town_server, host):
                        label = f"{viewport} {path} (for Maria Wiśniewska)"
                        seen.append(_check(page, label, axe_script, status))
    finally:
        context.close()
    assert len(seen) > len(LOGGED_IN_PUBLIC) + len(ACCOUNT_PATHS), [item.label for item in seen]
    if town == "glogow":
        assert sum("for Maria" in item.label for item in seen) > len(ACCOUNT_PATHS)
    _report(seen, town_server)
