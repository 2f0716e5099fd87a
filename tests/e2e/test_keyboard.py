"""Keyboard use of the home page: the first Tab reaches a visible skip link to the content."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

SKIP_LINK_TEXT = "Przejdź do treści"


@pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, GLOGOW_HOST], ids=["zembrzyce", "glogow"])
def test_first_tab_focuses_a_visible_skip_link_that_moves_focus_to_main(browser, town_server, host):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(host, "/"), wait_until="load")

        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        expect(focused).to_have_count(1)
        expect(focused).to_have_text(SKIP_LINK_TEXT)
        expect(focused).to_have_attribute("href", "#main")
        # Shown when focused: rendered, wholly inside the viewport, not clipped to a pixel.
        expect(focused).to_be_visible()
        expect(focused).to_be_in_viewport(ratio=1)
        box = focused.bounding_box()
        assert box is not None and box["width"] > 1 and box["height"] > 1, box

        page.keyboard.press("Enter")
        expect(page.locator("main#main")).to_be_focused()
    finally:
        context.close()


MAX_TABS = 200  # a year page has some 40 links in its tables; the header adds a few more


def test_budget_charts_have_a_data_table_and_the_drill_down_works_by_keyboard(browser, town_server):
    """Głogów's budget (the demo town with one): every chart is an image with a name and
    a description, skipped by Tab, followed by the table of its data; Tab reaches the
    table's links to a dział and Enter opens it, where the same holds one level down."""
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(town_server.url(GLOGOW_HOST, "/budzet/"), wait_until="load")
        page.locator("main a[href$='/']", has_text="Budżet").first.click()
        for level in ("dzial", "rozdzial"):
            charts = page.locator("main figure.budget-chart")
            # income, expenditure: a chart for each with items (waited for: the click or
            # Enter that opened the page returns before the page has loaded)
            expect(charts.first).to_be_visible()
            for index in range(charts.count()):
                chart = charts.nth(index)
                svg = chart.locator(":scope > svg")
                expect(svg).to_have_attribute("role", "img")
                expect(svg).to_have_attribute("focusable", "false")
                assert svg.get_attribute("tabindex") is None
                # Named by its <title> and described by the summary shown above it.
                name_ids = (svg.get_attribute("aria-labelledby") or "").split()
                assert len(name_ids) == 2, name_ids
                for name_id in name_ids:
                    expect(page.locator(f"[id='{name_id}']")).not_to_have_text("")
                # The data table follows the chart, with a caption and a row per bar.
                table = chart.locator("xpath=following-sibling::div[1]//table")
                expect(table.locator("caption")).to_contain_text("dane do wykresu")
                expect(table.locator("tbody tr")).to_have_count(svg.locator("g").count())

            for _ in range(MAX_TABS):  # from the top of the page just opened
                page.keyboard.press("Tab")
                focused = page.locator(":focus")
                href = focused.get_attribute("href") or ""
                if f"?{level}=" in href:
                    break
            else:
                pytest.fail(f"{MAX_TABS} presses of Tab did not reach a link to a {level}")
            expect(focused).to_be_in_viewport()
            page.keyboard.press("Enter")
            page.wait_for_url(f"**{href}")
            expect(page.locator("h1")).to_contain_text(href.rsplit("=", 1)[1])
    finally:
        context.close()
