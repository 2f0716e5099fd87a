"""The whole login.gov.pl login over real HTTP, through the simulator speaking the Węzeł
Krajowy's shapes: signed ECDSA AuthnRequest; the artifact back by an auto-submitted POST
from the node's own site (another host than the town's: a cross-site request, which gets
no SameSite=Lax cookie) or by GET; resolved over SOAP; a signed Response with an unsigned
encrypted assertion (length-prefixed ConcatKDF parameters, DateOfBirth with a zone)
decrypted; the resident logged in on their own town only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import account_removed_afterwards, acs_requests, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_resident_logs_in_through_the_simulator_on_their_town_only(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski")
        expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
        expect(page.locator("main")).to_contain_text("Jan Kowalski")
        expect(page.locator("main")).to_contain_text("*******1359")
        expect(page.locator("main")).not_to_contain_text("44051401359")
        # The same browser (and cookies) is not logged in on the other town's host.
        page.goto(town_server.url(GLOGOW_HOST, "/logowanie/"), wait_until="load")
        expect(page.get_by_role("heading", name="Logowanie do e-Urzędu")).to_be_visible()
    finally:
        context.close()


def test_replayed_artifact_is_refused(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        with page.expect_response(lambda r: "/logowanie/acs/" in r.url) as consumed:
            log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski")
        acs_url = consumed.value.url
        expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
        page.goto(acs_url, wait_until="load")
        expect(page.get_by_role("heading", name="Logowanie nie powiodło się")).to_be_visible()
    finally:
        context.close()


def test_person_unknown_to_the_office_files_an_access_request(browser, town_server):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        log_in(page, town_server, ZEMBRZYCE_HOST, "Zofia Nowak")
        expect(page.get_by_role("heading", name="Wniosek o dostęp do e-Urzędu")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Zofia Nowak")
        expect(page.locator("main")).not_to_contain_text("02270803624")
        page.get_by_label("Adres e-mail").fill("zofia@example.pl")
        page.get_by_role("button", name="Wyślij wniosek").click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", name="Wniosek wysłany")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("WD/")
    finally:
        context.close()


def test_artifact_posted_from_the_nodes_site_logs_the_resident_in(browser, town_server):
    """The node's HTTP-POST is cross-site: Chromium sends it without the town's session
    cookie, and the login still finishes, on the same-site GET it is handed to."""
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        posts = acs_requests(page, "POST")
        log_in(page, town_server, ZEMBRZYCE_HOST, "Jan Kowalski", binding="post")
        expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
        assert len(posts) == 1
        acs_post = posts[0]
        assert acs_post.url == town_server.url(ZEMBRZYCE_HOST, "/logowanie/acs/")
        headers = acs_post.all_headers()
        # Sent by the node's page (localhost:<port>): Chromium itself judges it cross-site.
        assert headers.get("sec-fetch-site") == "cross-site"
        # The browser held the town's session (the pending login) but did not send it.
        assert "sessionid=" not in (headers.get("cookie") or "")
        assert acs_post.response().status == 303
        assert page.url == town_server.url(ZEMBRZYCE_HOST, "/konto/")
    finally:
        context.close()


@pytest.mark.parametrize("scenario", ["ok", "signed-assertion", "key-128"])
def test_each_shape_the_node_sends_logs_in_by_get_too(browser, town_server, scenario):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        with account_removed_afterwards("glogow"):
            log_in(page, town_server, GLOGOW_HOST, "Jan Kowalski", scenario, binding="get")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()
    finally:
        context.close()
