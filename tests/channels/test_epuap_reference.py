"""Known answers for ePUAP WS-Pull, independent of our simulator.

The answers below are literal XML written from ePUAP's published pull.wsdl and
obiektypk.xsd ("Wersja 1.2 z dnia 28.07.2008"; element names, order and namespaces as
there), served by a bare local HTTP server; the requests the client sends are captured as
they go out. The digest values are computed once with hashlib / the FIPS 180 example and
written here as literals, so a change of algorithm in the client cannot go unnoticed.
See docs/integrations/epuap.md."""

from __future__ import annotations

import base64
import datetime as dt
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from lxml import etree

from eurzad.channels.contrib.epuap.adapter import EpuapPullAdapter, skrot_of
from eurzad.channels.documents import ChannelKind, ReceivedDocument
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.registry import ChannelError
from eurzad.channels.wssecurity import SOAP11, sign_envelope

OBI = "http://wsdl.epuap.gov.pl/obiekty/"
# A fixed document and its zawartosc (base64), as ePUAP would put it in dokument/zawartosc.
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Dokument><Tresc>Wniosek testowy</Tresc></Dokument>\n'
)
ZAWARTOSC = (
    "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPERva3VtZW50PjxUcmVzYz5Xbmlvc2Vr"
    "IHRlc3Rvd3k8L1RyZXNjPjwvRG9rdW1lbnQ+Cg=="
)
# base64(SHA-1(DOCUMENT)); SHA-1 hex 92aa61123271dee69a2ce8c37a7194650f201438.
SKROT = "kqphEjJx3uaaLOjDenGUZQ8gFDg="
# <DaneDodatkowe><IdentyfikatorDokumentu>12345</IdentyfikatorDokumentu></DaneDodatkowe>
DANE_DODATKOWE = (
    "PERhbmVEb2RhdGtvd2U+PElkZW50eWZpa2F0b3JEb2t1bWVudHU+MTIzNDU8L0lkZW50eWZpa2F0b3JEb2t1"
    "bWVudHU+PC9EYW5lRG9kYXRrb3dlPg=="
)

OCZEKUJACE = """
<ob:OdpowiedzPullOczekujace xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
  <status><kod>1</kod><komunikat>OK</komunikat></status>
  <oczekujace>3</oczekujace>
</ob:OdpowiedzPullOczekujace>"""

POBIERZ = f"""
<ob:OdpowiedzPullPobierz xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
  <status><kod>1</kod><komunikat>OK</komunikat></status>
  <danePodmiotu>
    <identyfikator>jkowalski</identyfikator>
    <typOsoby>F</typOsoby>
    <imieSkrot>Jan</imieSkrot>
    <nazwiskoNazwa>Kowalski</nazwiskoNazwa>
    <zgoda>true</zgoda>
  </danePodmiotu>
  <daneNadawcy><uzytkownik>jkowalski</uzytkownik><system>epuap</system></daneNadawcy>
  <dataNadania>2024-03-05T10:15:30+01:00</dataNadania>
  <nazwaSkrytki>skrytka</nazwaSkrytki>
  <adresSkrytki>/gmina/skrytka</adresSkrytki>
  <adresOdpowiedzi>/jkowalski/domyslna</adresOdpowiedzi>
  <czyTestowe>false</czyTestowe>
  <daneDodatkowe>{DANE_DODATKOWE}</daneDodatkowe>
  <dokument>
    <nazwaPliku>wniosek.xml</nazwaPliku>
    <typPliku>text/xml</typPliku>
    <zawartosc>{ZAWARTOSC}</zawartosc>
  </dokument>
</ob:OdpowiedzPullPobierz>"""

POBIERZ_PUSTA = """
<ob:OdpowiedzPullPobierz xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
  <status><kod>0</kod><komunikat>Brak dokumentow</komunikat></status>
</ob:OdpowiedzPullPobierz>"""

POTWIERDZ = """
<ob:OdpowiedzPullPotwierdz xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
  <status><kod>1</kod><komunikat>OK</komunikat></status>
</ob:OdpowiedzPullPotwierdz>"""

WYJATEK = """
<soapenv:Fault xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <faultcode>soapenv:Server</faultcode>
  <faultstring>pull fault</faultstring>
  <detail>
    <ob:Wyjatek xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
      <kod>7</kod>
      <komunikat>Brak uprawnien do skrytki</komunikat>
    </ob:Wyjatek>
  </detail>
</soapenv:Fault>"""


@dataclass
class Provider:
    """A bare HTTP endpoint answering each request with the next prepared body."""

    url: str
    key: str
    certificate: str
    answers: list[tuple[int, str]] = field(default_factory=list)
    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def _signed(body_xml: str, key: str, certificate: str) -> bytes:
    envelope = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soapenv": SOAP11})
    etree.SubElement(envelope, f"{{{SOAP11}}}Header")
    etree.SubElement(envelope, f"{{{SOAP11}}}Body").append(etree.fromstring(body_xml.strip()))
    sign_envelope(envelope, key, certificate)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


@pytest.fixture
def provider() -> Iterator[Provider]:
    key, certificate = new_system_credentials("ePUAP (test)")
    state = Provider(url="", key=key, certificate=certificate)

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.seen.append((dict(self.headers.items()), body))
            status, answer = state.answers.pop(0)
            payload = _signed(answer, state.key, state.certificate)
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    state.url = f"http://127.0.0.1:{server.server_port}/pk_external_ws/services/pull"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _adapter(provider: Provider) -> EpuapPullAdapter:
    key, certificate = new_system_credentials("System gminy (test)")
    return EpuapPullAdapter(
        types.SimpleNamespace(
            podmiot_id="gmina",
            mailbox_name="skrytka",
            mailbox_address="/gmina/skrytka",
            endpoint=provider.url,
            system_private_key=key,
            system_certificate=certificate,
            trusted_provider_certificate=provider.certificate,
        )
    )


def _request_of(provider: Provider, index: int = -1) -> tuple[str, etree._Element]:
    headers, body = provider.seen[index]
    action = next(v for k, v in headers.items() if k.lower() == "soapaction")
    query = etree.fromstring(body).find(f"{{{SOAP11}}}Body/*")
    return action, query


def _children(element: etree._Element) -> list[str]:
    return [child.tag for child in element]


# ---------------------------------------------------------------- digests


def test_skrot_is_base64_of_sha1_fips_180_example() -> None:
    # FIPS 180-2, appendix A.1: SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
    assert skrot_of(b"abc") == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0="


def test_skrot_of_the_fixed_document() -> None:
    assert base64.b64decode(ZAWARTOSC) == DOCUMENT
    assert skrot_of(DOCUMENT) == SKROT
    # It is the digest of the decoded content, not of the base64 text ePUAP sends.
    assert skrot_of(ZAWARTOSC.encode()) != SKROT


# ---------------------------------------------------------------- the three operations


def test_oczekujace_dokumenty(provider: Provider) -> None:
    provider.answers.append((200, OCZEKUJACE))
    assert _adapter(provider).pending() == 3
    action, query = _request_of(provider)
    assert action == '"http://ws.epuap.gov.pl/pull/oczekujaceDokumenty"'
    assert query.tag == f"{{{OBI}}}ZapytaniePullOczekujace"
    assert _children(query) == ["podmiot", "nazwaSkrytki", "adresSkrytki"]
    assert [c.text for c in query] == ["gmina", "skrytka", "/gmina/skrytka"]


def test_pobierz_nastepny_reads_the_reference_answer(provider: Provider) -> None:
    provider.answers.append((200, POBIERZ))
    document = _adapter(provider).fetch_next()
    assert isinstance(document, ReceivedDocument)
    action, query = _request_of(provider)
    assert action == '"http://ws.epuap.gov.pl/pull/pobierzNastepny"'
    assert query.tag == f"{{{OBI}}}ZapytaniePullPobierz"
    assert _children(query) == ["podmiot", "nazwaSkrytki", "adresSkrytki"]
    assert document.channel == ChannelKind.EPUAP
    assert document.raw == DOCUMENT
    assert document.message_id == "12345"  # IdentyfikatorDokumentu from daneDodatkowe
    assert document.sender_address == "/jkowalski/domyslna"  # adresOdpowiedzi
    assert document.recipient_address == "/gmina/skrytka"
    assert document.received_at.isoformat() == "2024-03-05T10:15:30+01:00"
    assert document.title == "wniosek.xml"  # not a signed form: the file's name
    assert document.receipt_token == SKROT
    assert document.upo_xml == b""  # WS-Pull carries no UPO


def test_pobierz_nastepny_on_an_empty_mailbox(provider: Provider) -> None:
    provider.answers.append((200, POBIERZ_PUSTA))
    assert _adapter(provider).fetch_next() is None


def test_potwierdz_odebranie_sends_the_sha1_skrot_last(provider: Provider) -> None:
    provider.answers += [(200, POBIERZ), (200, POTWIERDZ)]
    adapter = _adapter(provider)
    adapter.acknowledge(adapter.fetch_next())
    action, query = _request_of(provider)
    assert action == '"http://ws.epuap.gov.pl/pull/potwierdzOdebranie"'
    assert query.tag == f"{{{OBI}}}ZapytaniePullPotwierdz"
    assert _children(query) == ["podmiot", "nazwaSkrytki", "adresSkrytki", "skrot"]
    assert [c.text for c in query] == ["gmina", "skrytka", "/gmina/skrytka", SKROT]


def test_requests_are_ws_security_signed(provider: Provider) -> None:
    provider.answers.append((200, OCZEKUJACE))
    _adapter(provider).pending()
    _, body = provider.seen[-1]
    envelope = etree.fromstring(body)
    assert envelope.find(f"{{{SOAP11}}}Header/*").tag.endswith("}Security")


def test_wyjatek_fault_becomes_a_clear_error(provider: Provider) -> None:
    provider.answers.append((500, WYJATEK))
    with pytest.raises(ChannelError) as refused:
        _adapter(provider).pending()
    message = str(refused.value)
    assert "ePUAP odrzucił żądanie" in message
    assert "[7]" in message and "Brak uprawnien do skrytki" in message


def test_status_error_is_a_clear_error(provider: Provider) -> None:
    provider.answers.append(
        (200, POTWIERDZ.replace("<kod>1</kod><komunikat>OK", "<kod>2</kod><komunikat>Zly skrot"))
    )
    with pytest.raises(ChannelError, match="ePUAP zgłosił błąd: 2 Zly skrot"):
        _adapter(provider).acknowledge(
            ReceivedDocument(
                channel=ChannelKind.EPUAP,
                message_id="x",
                sender_address="",
                recipient_address="",
                received_at=dt.datetime(2024, 3, 5, tzinfo=dt.UTC),
                title="",
                raw=DOCUMENT,
                receipt_token=SKROT,
            )
        )
