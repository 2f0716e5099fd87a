"""Every page of both demo towns, in headless Chromium: zero WCAG 2.1 A/AA violations
(axe-core), the status each path should answer with, and no text of the other town.

The pages visited are listed by tests/e2e/pages.py (the town's sitemap, EXTRA_PATHS, and the
pages found by following LINKS: budget years and their drill-down, register entries,
properties; tests/e2e/test_linked_pages.py checks that each town's data leads to them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.pages import SitemapError, expected_status, town_paths
from tests.e2e.policy_watch import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


# Each town's host, and what of the other town must never appear in its pages' text
# (compared case-insensitively; stems catch the inflected forms: Głogowa, Zembrzycach).
TOWNS = {
    "zembrzyce": (ZEMBRZYCE_HOST, ("Głogów", "Głogow", "glogow")),
    "glogow": (GLOGOW_HOST, ("Zembrzyc",)),
}

NODES_SHOWN = 3
SNIPPET_CHARS = 200


@dataclass
class Visit:
    url: str
    path: str
    status: int | None
    text: str = ""
    violations: list[dict] = field(default_factory=list)


def _visit_town(browser, port: int, host: str, axe_script: Path) -> list[Visit]:
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    visits = []
    try:
        for path in town_paths(port, host):
            url = f"http://{host}:{port}{path}"
            response = page.goto(url, wait_until="load")
            visit = Visit(url, path, response.status if response else None)
            visit.text = page.title() + "\n" + page.inner_text("body")
            visit.violations = run_axe(page, axe_script)
            visits.append(visit)
    finally:
        context.close()
    return visits


@pytest.fixture(scope="module")
def town_visits(browser, axe_script: Path, town_server) -> Callable[[str], list[Visit]]:
    """Each town's pages are visited once and checked by every test of this module."""
    visited: dict[str, list[Visit]] = {}

    def visits(town: str) -> list[Visit]:
        if town not in visited:
            try:
                visited[town] = _visit_town(browser, town_server.port, TOWNS[town][0], axe_script)
            except SitemapError as error:
                pytest.fail(
                    f"{error}\n\nServer log (end):\n{town_server.log_tail()}", pytrace=False
                )
        return visited[town]

    return visits


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _selector(target: list) -> str:
    """axe's target: one CSS selector per frame; a list of selectors for shadow DOM."""
    return " | ".join(" >>> ".join(part) if isinstance(part, list) else part for part in target)


def _describe(violation: dict) -> list[str]:
    nodes = violation["nodes"]
    lines = [
        f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
        f" ({len(nodes)} element{'s' if len(nodes) != 1 else ''}) – {violation['helpUrl']}"
    ]
    for node in nodes[:NODES_SHOWN]:
        lines.append(f"      at {_selector(node['target'])}")
        lines.append(f"         {_shorten(node['html'], SNIPPET_CHARS)}")
        summary = (node.get("failureSummary") or "").splitlines()
        if len(summary) > 1:
            lines.append(f"         {_shorten(summary[1], SNIPPET_CHARS)}")
    if len(nodes) > NODES_SHOWN:
        lines.append(f"      … and {len(nodes) - NODES_SHOWN} more")
    return lines


@pytest.mark.parametrize("town", TOWNS)
def test_every_page_has_no_wcag_21_a_or_aa_violations(town_visits, town_server, town):
    visits = town_visits(town)
    report = []
    wrong_status = False
    for visit in visits:
        lines = []
        if visit.status != expected_status(visit.path):
            wrong_status = True
            lines.append(f"  answered {visit.status}, expected {expected_status(visit.path)}")
        for violation in visit.violations:
            lines.extend(_describe(violation))
        if lines:
            report.append(f"{visit.url}\n" + "\n".join(lines))
    if report:
        pages = ", ".join(visit.path for visit in visits)
        message = (
            f"WCAG 2.1 A/AA problems on {len(report)} of {len(visits)} pages ({pages}):\n\n"
            + "\n\n".join(report)
        )
        if wrong_status:
            message += f"\n\nServer log (end):\n{town_server.log_tail()}"
        pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("town", TOWNS)
def test_no_page_shows_the_other_town(town_visits, town):
    forbidden = TOWNS[town][1]
    leaks = [
        f"{visit.url}: {word!r}"
        for visit in town_visits(town)
        for word in forbidden
        if word.casefold() in visit.text.casefold()
    ]
    if leaks:
        pytest.fail("Text of the other town shown:\n" + "\n".join(leaks), pytrace=False)
