"""The ePUAP simulator speaks WS-Pull over real HTTP and accepts only requests signed
(WS-Security) by the certificate registered for the podmiot."""

from __future__ import annotations

import base64
import hashlib
import types

import pytest
import requests
from lxml import etree

from eurzad.channels.contrib.epuap.adapter import EpuapPullAdapter
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.registry import ChannelError
from eurzad.channels.simulator import mailboxes
from eurzad.channels.wssecurity import SOAP11, sign_envelope
from tests.channels.conftest import config_of, send

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

OBI = "http://wsdl.epuap.gov.pl/obiekty/"


def _request(podmiot: str = "zembrzyce", mailbox: str = "/zembrzyce/SkrytkaESP") -> etree._Element:
    envelope = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soapenv": SOAP11})
    etree.SubElement(envelope, f"{{{SOAP11}}}Header")
    body = etree.SubElement(envelope, f"{{{SOAP11}}}Body")
    query = etree.SubElement(body, f"{{{OBI}}}ZapytaniePullOczekujace", nsmap={"obi": OBI})
    for tag, text in (
        ("podmiot", podmiot),
        ("nazwaSkrytki", "SkrytkaESP"),
        ("adresSkrytki", mailbox),
    ):
        etree.SubElement(query, tag).text = text
    return envelope


def _post(simulators, envelope: etree._Element) -> requests.Response:
    return requests.post(
        f"{simulators.base}/symulator-epuap/pull",
        data=etree.tostring(envelope),
        headers={"Content-Type": "text/xml; charset=utf-8"},
        timeout=30,
    )


def test_signed_request_of_the_registered_system_is_answered(simulators):
    config = config_of("zembrzyce")
    envelope = _request()
    sign_envelope(envelope, config.system_private_key, config.system_certificate)
    response = _post(simulators, envelope)
    assert response.status_code == 200, simulators.log_tail()
    assert b"OdpowiedzPullOczekujace" in response.content
    assert b"wsse:Security" in response.content  # the answer is signed too


def test_unsigned_request_is_refused(simulators):
    response = _post(simulators, _request())
    assert response.status_code == 500
    assert "Odrzucono niepodpisane lub źle podpisane żądanie" in response.content.decode()


def test_request_signed_with_an_unregistered_key_is_refused(simulators):
    key, certificate = new_system_credentials("obcy system")
    envelope = _request()
    sign_envelope(envelope, key, certificate)
    response = _post(simulators, envelope)
    assert response.status_code == 500
    assert "podpis nie pochodzi od zarejestrowanego certyfikatu" in response.content.decode()


def test_body_changed_after_signing_is_refused(simulators):
    config = config_of("zembrzyce")
    envelope = _request()
    sign_envelope(envelope, config.system_private_key, config.system_certificate)
    envelope.find(f".//{{{OBI}}}ZapytaniePullOczekujace/nazwaSkrytki").text = "Inna"
    response = _post(simulators, envelope)
    assert response.status_code == 500
    assert "Odrzucono niepodpisane lub źle podpisane żądanie" in response.content.decode()


def test_adapter_checks_the_providers_signature(simulators, settings, tmp_path):
    """A response signed by someone other than the provider configured is not believed."""
    config = config_of("zembrzyce")
    _, stranger = new_system_credentials("nie ePUAP")
    impostor = types.SimpleNamespace(
        podmiot_id=config.podmiot_id,
        mailbox_name=config.mailbox_name,
        mailbox_address=config.mailbox_address,
        endpoint=config.endpoint,
        system_private_key=config.system_private_key,
        system_certificate=config.system_certificate,
        trusted_provider_certificate=stranger,
    )
    with pytest.raises(ChannelError, match="Odpowiedź ePUAP nie ma ważnego podpisu"):
        EpuapPullAdapter(impostor).pending()


def test_zeep_client_counts_waiting_documents(simulators):
    send("zembrzyce")
    send("zembrzyce")
    assert EpuapPullAdapter(config_of("zembrzyce")).pending() == 2


def _signed_query(tag: str, **extra: str) -> etree._Element:
    config = config_of("zembrzyce")
    envelope = _request()
    query = envelope.find(f".//{{{OBI}}}ZapytaniePullOczekujace")
    query.tag = f"{{{OBI}}}{tag}"
    for name, text in extra.items():
        etree.SubElement(query, name).text = text
    sign_envelope(envelope, config.system_private_key, config.system_certificate)
    return envelope


def test_simulator_confirms_only_by_the_sha1_skrot(simulators):
    sent = send("zembrzyce")
    sha256 = base64.b64encode(hashlib.sha256(sent.content).digest()).decode()
    refused = _post(simulators, _signed_query("ZapytaniePullPotwierdz", skrot=sha256))
    assert refused.status_code == 500
    assert b"Wyjatek" in refused.content and b"WyjatekPull" not in refused.content
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 1
    sha1 = base64.b64encode(hashlib.sha1(sent.content).digest()).decode()
    confirmed = _post(simulators, _signed_query("ZapytaniePullPotwierdz", skrot=sha1))
    assert confirmed.status_code == 200, confirmed.content
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 0


def test_simulator_refuses_a_soap_action_of_another_operation(simulators):
    envelope = _signed_query("ZapytaniePullOczekujace")
    response = requests.post(
        f"{simulators.base}/symulator-epuap/pull",
        data=etree.tostring(envelope),
        headers={
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": '"http://ws.epuap.gov.pl/pull/pobierzNastepny"',
        },
        timeout=30,
    )
    assert response.status_code == 500
    assert "does not match the operation" in response.content.decode()


def test_simulator_answers_only_with_schema_elements(simulators):
    send("zembrzyce")
    response = _post(simulators, _signed_query("ZapytaniePullPobierz"))
    answer = etree.fromstring(response.content).find(f".//{{{OBI}}}OdpowiedzPullPobierz")
    assert [child.tag for child in answer] == [
        "status",
        "danePodmiotu",
        "daneNadawcy",
        "dataNadania",
        "nazwaSkrytki",
        "adresSkrytki",
        "adresOdpowiedzi",
        "czyTestowe",
        "daneDodatkowe",
        "dokument",
    ]
