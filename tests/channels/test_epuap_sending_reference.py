"""Known answers for sending through ePUAP's WS-Doręczyciel, independent of our simulator.

The request's shape is checked against ePUAP's published doreczyciel.wsdl ("Wersja 1.1")
and obiektypk.xsd: SOAPAction, the fields as header elements of the obiekty namespace in
the binding's order, the Body holding ``obiekty:Dokument`` alone with unqualified
``nazwaPliku``/``typPliku``/``zawartosc``. The answers are literal ``OdpowiedzDoreczyciela``
and ``Wyjatek`` XML, served by a bare local HTTP server. See docs/integrations/epuap.md."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import time
import types

import pytest
from cryptography import x509
from lxml import etree

from eurzad.channels import xades
from eurzad.channels.contrib.epuap import soap
from eurzad.channels.contrib.epuap.letter import build_letter, signed_letter
from eurzad.channels.contrib.epuap.sender import DeliveryOrder, DoreczycielClient
from eurzad.channels.documents import Attachment
from eurzad.channels.forms import INST, OSO, STR, WNIO
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import DispatchUncertain, OutgoingLetter
from eurzad.channels.wssecurity import SOAP11
from tests.channels import test_epuap_reference as pull_reference
from tests.channels.test_epuap_reference import WYJATEK, Provider
from tests.standin import QuietHandler, serving

OBI = "http://wsdl.epuap.gov.pl/obiekty/"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"

ODPOWIEDZ = """
<ob:OdpowiedzDoreczyciela xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
  <status><kod>1</kod><komunikat>OK</komunikat></status>
  <identyfikatorDokumentu>4711</identyfikatorDokumentu>
  <identyfikatorZlecenia>815</identyfikatorZlecenia>
</ob:OdpowiedzDoreczyciela>"""

ODPOWIEDZ_NIL = """
<ob:OdpowiedzDoreczyciela xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <status><kod>1</kod><komunikat>OK</komunikat></status>
  <identyfikatorDokumentu xsi:nil="true"/>
  <identyfikatorZlecenia xsi:nil="true"/>
</ob:OdpowiedzDoreczyciela>"""

# The bare HTTP endpoint of the WS-Pull known-answer tests.
provider = pull_reference.provider
DEADLINE = dt.datetime(2024, 3, 19, 10, 0, tzinfo=dt.UTC)


def _client(provider: Provider) -> DoreczycielClient:
    key, certificate = new_system_credentials("System gminy (test)")
    return DoreczycielClient(
        types.SimpleNamespace(
            podmiot_id="gmina",
            mailbox_address="/gmina/skrytka",
            delivery_endpoint=provider.url.replace("/pull", "/doreczyciel"),
            system_private_key=key,
            system_certificate=certificate,
            trusted_provider_certificate=provider.certificate,
        )
    )


def _order(client: DoreczycielClient, **changes) -> DeliveryOrder:
    fields = {
        "recipient": "/jkowalski/domyslna",
        "document": b"<Dokument/>",
        "document_id": "pismo-7",
        "case_id": "RG.6220.1.2024",
        "deadline": DEADLINE,
    }
    return client.dorecz(**(fields | changes))


def test_dorecz_request_has_the_wsdl_shape(provider: Provider) -> None:
    provider.answers.append((200, ODPOWIEDZ))
    assert _order(_client(provider)) == DeliveryOrder(document_id="4711", order_id="815")
    headers, body = provider.seen[-1]
    action = next(v for k, v in headers.items() if k.lower() == "soapaction")
    assert action == '"http://ws.epuap.gov.pl/doreczyciel/dorecz"'
    envelope = etree.fromstring(body)
    fields = [
        (etree.QName(element).namespace, etree.QName(element).localname, element.text)
        for element in envelope.find(f"{{{SOAP11}}}Header")
        if not element.tag.endswith("}Security")
    ]
    assert fields == [
        (OBI, "IdentyfikatorPodmiotu", "gmina"),
        (OBI, "AdresSkrytki", "/jkowalski/domyslna"),
        (OBI, "AdresOdpowiedzi", "/gmina/skrytka"),
        (OBI, "TerminDoreczenia", "2024-03-19T10:00:00Z"),
        (OBI, "CzyProbne", "false"),
        (OBI, "IdentyfikatorDokumentu", "pismo-7"),
        (OBI, "IdentyfikatorSprawy", "RG.6220.1.2024"),
    ]
    (dokument,) = envelope.find(f"{{{SOAP11}}}Body")
    assert dokument.tag == f"{{{OBI}}}Dokument"
    assert [child.tag for child in dokument] == ["nazwaPliku", "typPliku", "zawartosc"]
    assert [child.text for child in dokument][:2] == ["pismo.xml", "text/xml"]
    assert base64.b64decode(dokument.findtext("zawartosc")) == b"<Dokument/>"


def test_the_body_is_signed_with_ws_security(provider: Provider) -> None:
    provider.answers.append((200, ODPOWIEDZ))
    _order(_client(provider))
    envelope = etree.fromstring(provider.seen[-1][1])
    body_id = envelope.find(f"{{{SOAP11}}}Body").get(f"{{{WSU}}}Id")
    uris = [r.get("URI") for r in envelope.iter(f"{{{DS}}}Reference")]
    assert body_id and f"#{body_id}" in uris


def test_a_case_less_letter_sends_no_case_header(provider: Provider) -> None:
    provider.answers.append((200, ODPOWIEDZ))
    _order(_client(provider), case_id="")
    header = etree.fromstring(provider.seen[-1][1]).find(f"{{{SOAP11}}}Header")
    assert header.find(f"{{{OBI}}}IdentyfikatorSprawy") is None


def test_nil_identifiers_are_read_as_empty(provider: Provider) -> None:
    provider.answers.append((200, ODPOWIEDZ_NIL))
    assert _order(_client(provider)) == DeliveryOrder(document_id="", order_id="")


def test_a_wyjatek_fault_becomes_a_clear_error(provider: Provider) -> None:
    provider.answers.append((500, WYJATEK))
    with pytest.raises(ChannelError, match=r"\[7\]: Brak uprawnien do skrytki"):
        _order(_client(provider))


def test_an_error_status_becomes_a_clear_error(provider: Provider) -> None:
    provider.answers.append(
        (200, ODPOWIEDZ.replace("<kod>1</kod><komunikat>OK", "<kod>3</kod><komunikat>Zly adres"))
    )
    with pytest.raises(ChannelError, match="3 Zly adres"):
        _order(_client(provider))


# ---------------------------------------------------------------- the letter document


def _letter() -> OutgoingLetter:
    return OutgoingLetter(
        reference="pismo-7",
        recipient_address="/jkowalski/domyslna",
        recipient_name="Jan Kowalski",
        subject="Decyzja w sprawie podatku",
        body="W załączeniu decyzja.",
        attachments=(Attachment("decyzja.pdf", "application/pdf", b"%PDF-1.4 test"),),
        case_sign="RG.6220.1.2024",
    )


def test_the_letter_is_a_wnio_dokument_with_its_attachments() -> None:
    root = build_letter(_letter(), "Urząd Gminy Zembrzyce", today=dt.date(2024, 3, 5))
    assert root.tag == f"{{{WNIO}}}Dokument"
    assert [etree.QName(child).localname for child in root] == [
        "OpisDokumentu",
        "DaneDokumentu",
        "TrescDokumentu",
    ]
    assert root.findtext(f".//{{{WNIO}}}Tytul") == "Decyzja w sprawie podatku"
    (attachment,) = root.iter(f"{{{STR}}}Zalacznik")
    assert attachment.get("nazwaPliku") == "decyzja.pdf"
    assert attachment.get("format") == "application/pdf"
    assert base64.b64decode(attachment.findtext(f"{{{STR}}}DaneZalacznika")) == b"%PDF-1.4 test"


def test_a_person_is_named_by_given_name_and_surname_a_firm_by_its_name() -> None:
    person = build_letter(_letter(), "Urząd Gminy Zembrzyce")
    (addressee,) = person.iter(f"{{{STR}}}Adresaci")
    assert addressee.findtext(f".//{{{OSO}}}Imie") == "Jan"
    assert addressee.findtext(f".//{{{OSO}}}Nazwisko") == "Kowalski"
    firm = dataclasses.replace(
        _letter(), recipient_name="Piekarnia ABC Sp. z o.o.", recipient_is_person=False
    )
    (addressee,) = build_letter(firm, "Urząd Gminy Zembrzyce").iter(f"{{{STR}}}Adresaci")
    assert addressee.findtext(f".//{{{INST}}}NazwaInstytucji") == "Piekarnia ABC Sp. z o.o."
    assert addressee.find(f".//{{{OSO}}}Osoba") is None


def test_the_letter_is_signed_by_the_office() -> None:
    key, certificate = new_system_credentials("Urząd Gminy Zembrzyce")
    signed = signed_letter(_letter(), "Urząd Gminy Zembrzyce", key, certificate)
    authority = x509.load_pem_x509_certificate(certificate.encode())
    with pytest.raises(xades.SignatureInvalid, match="Profil"):
        # Signed by the office's system key: a valid XAdES-BES, but no Profil Zaufany
        # identity in it (that is for residents' forms).
        xades.verify(signed, authorities=[authority])
    with pytest.raises(xades.SignatureInvalid, match="zmieniono"):
        xades.verify(signed.replace(b"decyzja.", b"Decyzja."), authorities=[authority])


class _Silent(QuietHandler):
    """Takes the request and answers only after the client has stopped waiting."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(1.5)
        self.send_response(500)
        self.end_headers()


def test_an_answer_that_never_comes_leaves_the_send_uncertain(monkeypatch) -> None:
    # No answer within the client's timeout: ePUAP may have taken the letter; the sender
    # must not repeat it blindly (DispatchUncertain, a ChannelError for the pull side).
    monkeypatch.setattr(soap, "TIMEOUT_SECONDS", 0.5)
    key, certificate = new_system_credentials("ePUAP (test)")
    with serving(_Silent) as base:
        client = _client(Provider(url=f"{base}/pull", key=key, certificate=certificate))
        with pytest.raises(DispatchUncertain, match="nie wiadomo"):
            _order(client)
