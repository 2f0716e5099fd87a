"""The ACS takes the artifact by HTTP-POST (the Węzeł Krajowy's way) and by GET.

A cross-site POST carries no session cookie, so the POST only hands the artifact over to a
same-site GET (eurzad.identity.artifact_handoff); CSRF stays in force everywhere else.
The whole login through a browser, with the node on another site, is in
tests/e2e/test_login_gov.py.
"""

from __future__ import annotations

import base64
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from lxml import etree

from eurzad.identity.login import post_soap
from eurzad.identity.protocol import MD, SAMLP
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, free_port, host_client

ACS = "/logowanie/acs/"


def _started_login(client: Client) -> dict[str, str]:
    """Start a login on ``client``; the AuthnRequest's fields from the auto-submit page."""
    page = client.post("/logowanie/start/").content.decode()
    fields = dict(re.findall(r'name="(SAMLRequest|RelayState)" value="([^"]+)"', page))
    assert set(fields) == {"SAMLRequest", "RelayState"}, page[:2000]
    return fields


def _node_post(host: str, **fields: str):  # type: ignore[no-untyped-def]
    """The node's auto-submitted form: from another site, so without the town's cookies."""
    return host_client(host, enforce_csrf_checks=True).post(ACS, fields)


def _handoff_url(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 303
    location = urlsplit(response["Location"])
    assert location.path == ACS
    assert list(parse_qs(location.query)) == ["przekazanie"]
    return response["Location"]


@pytest.fixture
def node_down(settings) -> None:  # type: ignore[no-untyped-def]
    """The artifact resolution goes to a port where nothing answers."""
    settings.WK_SIMULATOR_URL = f"http://127.0.0.1:{free_port()}/symulator-wk"


def test_cross_site_post_is_handed_to_a_same_site_get_without_touching_cookies(towns) -> None:
    response = _node_post(ZEMBRZYCE_HOST, SAMLart="AAQAAA==", RelayState="x")
    _handoff_url(response)
    # No session and no CSRF cookie is set: the browser's own session must survive the hop.
    assert not response.cookies
    assert "SAMLart" not in response["Location"] and "AAQAAA" not in response["Location"]


def test_posted_artifact_reaches_the_login_this_browser_started(towns, node_down) -> None:
    resident_browser = host_client(ZEMBRZYCE_HOST)
    started = _started_login(resident_browser)
    handoff = _handoff_url(
        _node_post(ZEMBRZYCE_HOST, SAMLart="AAQAAA==", RelayState=started["RelayState"])
    )
    finished = resident_browser.get(handoff)
    # Past the browser check, on to the node (which does not answer here).
    assert finished.status_code == 403
    assert "does not answer" in finished.content.decode()


def test_get_binding_reaches_the_login_this_browser_started(towns, node_down) -> None:
    resident_browser = host_client(ZEMBRZYCE_HOST)
    started = _started_login(resident_browser)
    finished = resident_browser.get(
        ACS, {"SAMLart": "AAQAAA==", "RelayState": started["RelayState"]}
    )
    assert finished.status_code == 403
    assert "does not answer" in finished.content.decode()


def test_someone_elses_posted_artifact_does_not_log_this_browser_in(towns, node_down) -> None:
    victim = host_client(ZEMBRZYCE_HOST)
    _started_login(victim)
    handoff = _handoff_url(
        _node_post(ZEMBRZYCE_HOST, SAMLart="AAQAAA==", RelayState="the-attackers-relay-state")
    )
    refused = victim.get(handoff)
    assert refused.status_code == 403
    assert "not started in this browser" in refused.content.decode()


def test_a_handoff_is_taken_once_and_only_on_its_own_town(towns) -> None:
    handoff = _handoff_url(_node_post(ZEMBRZYCE_HOST, SAMLart="AAQAAA==", RelayState="x"))
    other_town = host_client(GLOGOW_HOST).get(handoff)
    assert other_town.status_code == 403
    assert "already used or has expired" in other_town.content.decode()
    browser = host_client(ZEMBRZYCE_HOST)
    assert "already used or has expired" not in browser.get(handoff).content.decode()
    again = browser.get(handoff)
    assert "already used or has expired" in again.content.decode()


@pytest.mark.parametrize("fields", [{"SAMLArt": "AAQAAA==", "RelayState": "x"}, {}])
def test_a_missing_artifact_says_what_happened(towns, fields) -> None:
    handoff = _handoff_url(_node_post(ZEMBRZYCE_HOST, **fields))
    refused = host_client(ZEMBRZYCE_HOST).get(handoff)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "sent no login artifact" in page and "already used" not in page
    assert "sent no login artifact" in host_client(ZEMBRZYCE_HOST).get(ACS).content.decode()


def test_csrf_is_still_enforced_on_the_towns_other_forms(towns) -> None:
    strict = host_client(ZEMBRZYCE_HOST, enforce_csrf_checks=True)
    assert strict.post("/logowanie/start/").status_code == 403
    assert strict.post("/logowanie/wyloguj/").status_code == 403
    assert strict.put(ACS).status_code == 405


def test_metadata_acs_is_exactly_the_authn_requests_on_a_host_with_a_port(towns) -> None:
    host = f"{ZEMBRZYCE_HOST}:8443"
    client = host_client(host)
    metadata = etree.fromstring(client.get("/logowanie/metadata/").content)
    registered = metadata.find(f".//{{{MD}}}AssertionConsumerService").get("Location")
    request = etree.fromstring(base64.b64decode(_started_login(client)["SAMLRequest"]))
    assert registered == request.get("AssertionConsumerServiceURL")
    assert registered == f"http://{host}/logowanie/acs/"


def test_authn_request_names_the_town_as_provider(towns) -> None:
    for host, name in ((ZEMBRZYCE_HOST, "Gmina Zembrzyce"), (GLOGOW_HOST, "Miasto Głogów")):
        request = etree.fromstring(
            base64.b64decode(_started_login(host_client(host))["SAMLRequest"])
        )
        assert request.tag == f"{{{SAMLP}}}AuthnRequest"
        assert request.get("ProviderName") == name


def test_artifact_resolve_is_sent_with_an_empty_soap_action() -> None:
    seen: dict[str, str | None] = {}

    class Node(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen["SOAPAction"] = self.headers.get("SOAPAction")
            seen["Content-Type"] = self.headers.get("Content-Type")
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            self.wfile.write(b"<ok/>")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Node)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        answer = post_soap(f"http://127.0.0.1:{server.server_port}/ars", b"<soap/>")
    finally:
        thread.join(5)
        server.server_close()
    assert answer == b"<ok/>"
    assert seen == {"SOAPAction": '""', "Content-Type": "text/xml; charset=utf-8"}
    assert django_settings.SIMULATORS_ENABLED  # the test settings; production refuses them
