"""Known answers for podpis zaufany (TpSigning5), independent of our simulator.

The service's answers are the files in ``data/tpsigning5/``, written once from the
documented shapes (docs/integrations/podpis-zaufany.md) by ``tpsigning5_samples.py``,
which signs with libxmlsec1 directly and shares no code with ours; a bare local HTTP
server plays the integration environment and the requests the client sends are captured
as they go out and checked element by element. The base64 of the document is a literal
computed once, so a change in what goes out cannot go unnoticed."""

from __future__ import annotations

import base64
import datetime as dt
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from lxml import etree
from zeep import ns

from eurzad.channels import xades
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.trusted_signature import (
    SignedDocument,
    TrustedSignatureError,
    fetch_signed,
    signing_endpoint,
    start_signing,
)
from eurzad.channels.trusted_signature.client import TPSIGNING5_URLS
from eurzad.channels.wssecurity import SOAP11, verify_envelope
from tests.channels.tpsigning5_samples import (
    ENVELOPED_ONLY,
    PODPIS_ZP,
    sample_signer,
    signed_document,
)

DATA = Path(__file__).parent / "data" / "tpsigning5"
SIGNING = "http://signing.ws.comarch.gov"
DOCUMENT = (DATA / "document.xml").read_bytes()
# base64 of DOCUMENT, as ``doc`` must carry it.
DOC_B64 = (
    "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPHduaW9zZWsgeG1sbnM9InVybjpldXJ6YW"
    "Q6cHJvYmthOnduaW9zZWsiPgogIDx0eXR1bD5Xbmlvc2VrIG8gd3lkYW5pZSB6YcWbd2lhZGN6ZW5pYSBvIG5p"
    "ZXphbGVnYW5pdSB3IHBvZGF0a2FjaDwvdHl0dWw+CiAgPHVyemFkPlVyesSFZCBHbWlueSBaZW1icnp5Y2U8L3"
    "VyemFkPgogIDx3bmlvc2tvZGF3Y2E+CiAgICA8aW1pZT5KYW48L2ltaWU+CiAgICA8bmF6d2lza28+S293YWxz"
    "a2k8L25hendpc2tvPgogIDwvd25pb3Nrb2Rhd2NhPgogIDxjZWw+ZG8gcHJ6ZXRhcmd1PC9jZWw+Cjwvd25pb3"
    "Nlaz4K"
)
SIGNING_URL = "https://int.pz.gov.pl/sample/podpis?id=00000000-0000-4000-8000-000000000022"
SUCCESS = "https://zembrzyce.eurzad.example/e-uslugi/podpis/gotowe?wniosek=7&krok=2"
FAILURE = "https://zembrzyce.eurzad.example/e-uslugi/podpis/anulowano?wniosek=7"
INFO = "Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach"


def _answer(name: str) -> str:
    return (DATA / name).read_text("utf-8")


def _signed_document(name: str = "podpiszp") -> bytes:
    envelope = etree.fromstring(_answer(f"getSignedDocumentResponse-{name}.xml").encode())
    return base64.b64decode(envelope.findtext(".//getSignedDocumentReturn") or "")


def _get_answer(document: bytes) -> str:
    return (
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
        '<soapenv:Body><ns1:getSignedDocumentResponse xmlns:ns1="http://signing.ws.comarch.gov">'
        f"<getSignedDocumentReturn>{base64.b64encode(document).decode()}</getSignedDocumentReturn>"
        "</ns1:getSignedDocumentResponse></soapenv:Body></soapenv:Envelope>"
    )


@dataclass
class Provider:
    """A bare HTTP endpoint answering each request with the next prepared body."""

    url: str = ""
    answers: list[tuple[int, str]] = field(default_factory=list)
    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def request(self, index: int = -1) -> tuple[str, etree._Element, etree._Element]:
        """(SOAPAction, the envelope, its Body's element) of a request sent."""
        headers, body = self.seen[index]
        action = next(v for k, v in headers.items() if k.lower() == "soapaction")
        envelope = etree.fromstring(body)
        return action, envelope, envelope.find(f"{{{SOAP11}}}Body/*")


@pytest.fixture
def provider() -> Iterator[Provider]:
    state = Provider()

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.seen.append((dict(self.headers.items()), body))
            status, answer = state.answers.pop(0)
            payload = answer.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    state.url = f"http://127.0.0.1:{server.server_port}/ep-services/tpSigning5"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def config(provider: Provider, monkeypatch, settings) -> types.SimpleNamespace:
    """A town on the integration environment, whose TpSigning5 is the bare server, and
    which trusts the samples' authority only."""
    monkeypatch.setitem(TPSIGNING5_URLS, "int", provider.url)
    settings.EPUAP_TRUSTED_CA_FILE = str(DATA / "ca.pem")
    settings.SIMULATORS_ENABLED = False
    key, certificate = new_system_credentials("System gminy (test)")
    return types.SimpleNamespace(
        environment="int", system_private_key=key, system_certificate=certificate
    )


def _children(element: etree._Element) -> list[str]:
    return [child.tag for child in element]


# ---------------------------------------------------------------- addDocumentToSigning


def test_add_document_to_signing_request_element_by_element(provider, config) -> None:
    provider.answers.append((200, _answer("addDocumentToSigningResponse.xml")))

    url = start_signing(
        config, DOCUMENT, success_url=SUCCESS, failure_url=FAILURE, additional_info=INFO
    )

    assert url == SIGNING_URL
    action, envelope, request = provider.request()
    assert action.strip('"') == "addDocumentToSigning"
    assert envelope.tag == f"{{{SOAP11}}}Envelope"
    assert request.tag == f"{{{SIGNING}}}addDocumentToSigning"
    assert _children(request) == ["doc", "successURL", "failureURL", "additionalInfo"]
    assert request.findtext("doc") == DOC_B64
    assert base64.b64decode(request.findtext("doc")) == DOCUMENT
    assert request.findtext("successURL") == SUCCESS
    assert request.findtext("failureURL") == FAILURE
    assert request.findtext("additionalInfo") == INFO


def test_the_request_is_ws_security_signed_with_the_towns_certificate(provider, config) -> None:
    provider.answers.append((200, _answer("addDocumentToSigningResponse.xml")))
    start_signing(config, DOCUMENT, success_url=SUCCESS, failure_url=FAILURE)

    _action, envelope, _request = provider.request()
    token = envelope.findtext(
        f"{{{SOAP11}}}Header/{{{ns.WSSE}}}Security/{{{ns.WSSE}}}BinarySecurityToken"
    )
    pem = config.system_certificate.encode()
    der = base64.b64decode("".join(pem.decode().splitlines()[1:-1]))
    assert base64.b64decode(token) == der
    # Body and a fresh Timestamp, signed by the town's key (raises otherwise).
    verify_envelope(envelope, config.system_certificate)
    _action, envelope, _request = provider.request()
    envelope.find(f"{{{SOAP11}}}Body/*/doc").text = base64.b64encode(b"<inny/>").decode()
    with pytest.raises(ValueError, match="podpis"):
        verify_envelope(envelope, config.system_certificate)


def test_no_additional_info_goes_as_an_empty_element(provider, config) -> None:
    provider.answers.append((200, _answer("addDocumentToSigningResponse.xml")))
    start_signing(config, DOCUMENT, success_url=SUCCESS, failure_url=FAILURE)

    _action, _envelope, request = provider.request()
    assert _children(request)[-1] == "additionalInfo"
    assert not request.findtext("additionalInfo")


@pytest.mark.parametrize(
    "returned",
    [
        "https://evil.example/pz/podpis?id=1",
        "http://int.pz.gov.pl/sample/podpis?id=1",
        "https://pz.gov.pl.evil.example/podpis",
        "",
    ],
)
def test_a_signing_page_off_the_government_site_is_refused(provider, config, returned) -> None:
    provider.answers.append(
        (200, _answer("addDocumentToSigningResponse.xml").replace(SIGNING_URL, returned))
    )
    with pytest.raises(TrustedSignatureError, match="unexpected signing page address"):
        start_signing(config, DOCUMENT, success_url=SUCCESS, failure_url=FAILURE)


def test_only_an_xml_document_and_absolute_return_urls_are_handed_over(config) -> None:
    with pytest.raises(ValueError, match="XML"):
        start_signing(config, b"%PDF-1.7", success_url=SUCCESS, failure_url=FAILURE)
    with pytest.raises(ValueError, match="success_url"):
        start_signing(config, DOCUMENT, success_url="/e-uslugi/ok", failure_url=FAILURE)


# ---------------------------------------------------------------- getSignedDocument


def test_get_signed_document_request_and_the_podpiszp_answer(provider, config) -> None:
    provider.answers.append((200, _answer("getSignedDocumentResponse-podpiszp.xml")))

    signed = fetch_signed(config, SIGNING_URL, document=DOCUMENT)

    action, _envelope, request = provider.request()
    assert action.strip('"') == "getSignedDocument"
    assert request.tag == f"{{{SIGNING}}}getSignedDocument"
    assert _children(request) == ["id"]
    assert request.findtext("id") == SIGNING_URL
    assert isinstance(signed, SignedDocument)
    assert (signed.first_name, signed.last_name, signed.pesel) == (
        "JAN",
        "KOWALSKI",
        "44051401359",
    )
    assert signed.signed_at == dt.datetime(
        2025, 3, 10, 10, 15, 30, 123000, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert signed.content == _signed_document("podpiszp")
    assert "44051401359" not in repr(signed)


def test_the_epsignature_answer_of_before_march_2025(provider, config) -> None:
    provider.answers.append((200, _answer("getSignedDocumentResponse-epsignature.xml")))

    signed = fetch_signed(config, SIGNING_URL, document=DOCUMENT)

    assert (signed.first_name, signed.last_name, signed.pesel) == (
        "MARIA",
        "WIŚNIEWSKA",
        "85121612343",
    )
    assert signed.signer.date_of_birth == dt.date(1985, 12, 16)


def test_a_soap_fault_is_refused_with_its_message(provider, config) -> None:
    provider.answers.append((500, _answer("fault.xml")))

    with pytest.raises(TrustedSignatureError) as raised:
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)

    error = raised.value
    assert error.message("pl") == (
        "Usługa podpisu zaufanego odrzuciła żądanie: [7] Dokument nie został podpisany"
    )
    assert error.message("en").startswith("the podpis zaufany service refused the request")
    assert str(error).startswith("Usługa podpisu zaufanego odrzuciła żądanie (the podpis")


def test_a_document_changed_after_signing_is_refused(provider, config) -> None:
    tampered = _signed_document().replace(b"do przetargu", b"do banku")
    provider.answers.append((200, _get_answer(tampered)))

    with pytest.raises(TrustedSignatureError, match="signature is not valid") as raised:
        fetch_signed(config, SIGNING_URL, document=DOCUMENT.replace(b"do przetargu", b"do banku"))
    assert "zmieniono po podpisaniu" in raised.value.detail


def test_signer_data_changed_after_signing_is_refused(provider, config) -> None:
    tampered = _signed_document().replace(b"44051401359", b"85121612343")
    provider.answers.append((200, _get_answer(tampered)))

    with pytest.raises(TrustedSignatureError, match="signature is not valid"):
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)


def test_a_validly_signed_document_that_is_not_ours_is_refused(provider, config) -> None:
    provider.answers.append((200, _answer("getSignedDocumentResponse-podpiszp.xml")))
    ours = DOCUMENT.replace(b"do przetargu", b"do banku")

    with pytest.raises(TrustedSignatureError, match="not the document sent for signing"):
        fetch_signed(config, SIGNING_URL, document=ours)


def test_an_unsigned_answer_is_refused(provider, config) -> None:
    provider.answers.append((200, _get_answer(DOCUMENT)))

    with pytest.raises(TrustedSignatureError, match="not signed"):
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)


def test_a_signature_by_an_untrusted_authority_is_refused(provider, config, settings) -> None:
    settings.EPUAP_TRUSTED_CA_FILE = ""
    provider.answers.append((200, _answer("getSignedDocumentResponse-podpiszp.xml")))

    with pytest.raises(TrustedSignatureError, match="signature is not valid") as raised:
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)
    assert "zaufanych" in raised.value.detail


def test_no_other_xpath_than_the_signature_filter_is_accepted(provider, config) -> None:
    widened = _signed_document().replace(
        b"not(ancestor-or-self::ds:Signature)", b"not(ancestor-or-self::ds:Signature or self::x)"
    )
    provider.answers.append((200, _get_answer(widened)))

    with pytest.raises(TrustedSignatureError) as raised:
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)
    assert "transform" in raised.value.detail


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (_get_answer(b"to nie jest XML"), "not well-formed XML"),
        (
            _get_answer(b"").replace("<getSignedDocumentReturn></getSignedDocumentReturn>", ""),
            "returned no signed document",
        ),
        ("<html><body>Przerwa techniczna</body></html>", "unreadable answer"),
    ],
    ids=["not-xml", "no-document", "not-soap"],
)
def test_malformed_answers_are_refused(provider, config, answer, message) -> None:
    provider.answers.append((200, answer))

    with pytest.raises(TrustedSignatureError, match=message):
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)


def test_an_unreachable_service_is_a_clear_error(config, monkeypatch) -> None:
    monkeypatch.setitem(TPSIGNING5_URLS, "int", "http://127.0.0.1:9/ep-services/tpSigning5")

    with pytest.raises(TrustedSignatureError, match="cannot reach"):
        fetch_signed(config, SIGNING_URL, document=DOCUMENT)


@pytest.mark.parametrize("transforms", [ENVELOPED_ONLY, None], ids=["enveloped", "xpath"])
def test_a_reference_ending_in_a_node_set_is_digested_by_inclusive_c14n(transforms) -> None:
    """XML-DSig: without a canonicalisation transform the document's node-set becomes
    octets by inclusive C14N, which keeps a namespace declared but not used (exclusive
    C14N would drop it, and the digest would not match)."""
    ca, key, certificate = sample_signer()
    document = DOCUMENT.decode().replace(
        '<wniosek xmlns="urn:eurzad:probka:wniosek">',
        '<wniosek xmlns="urn:eurzad:probka:wniosek" xmlns:nieuzywana="urn:eurzad:inna">',
    )
    extra = {"transforms": transforms} if transforms else {}
    signed = signed_document(PODPIS_ZP, key, certificate, document=document, **extra)

    assert xades.verify(signed, authorities=[ca]).pesel == "44051401359"


# ---------------------------------------------------------------- environments


def test_endpoints_per_environment(settings) -> None:
    assert TPSIGNING5_URLS == {
        "int": "https://int.pz.gov.pl/ep-services/tpSigning5",
        "production": "https://pz.gov.pl/ep-services/tpSigning5",
    }
    settings.SIMULATORS_ENABLED = True
    settings.PZ_SIMULATOR_URL = "http://localhost:8000/symulator-pz/"
    local = types.SimpleNamespace(environment="local")
    assert signing_endpoint(local) == "http://localhost:8000/symulator-pz/ep-services/tpSigning5"
    settings.SIMULATORS_ENABLED = False
    with pytest.raises(TrustedSignatureError, match="simulator is off"):
        signing_endpoint(local)
