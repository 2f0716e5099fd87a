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
