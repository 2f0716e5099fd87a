"""Known answers for ePUAP's receipts (UPP, UPD), independent of our simulator.

The samples are literal XML written from the public facts about the UPO schema
(namespace ``http://crd.gov.pl/xml/schematy/UPO/2008/05/09/``): the element names and
order a public ePUAP client deserialises a UPP with, and the elements of UPP and UPD a
public stylesheet for the UPO namespace displays (see docs/integrations/epuap.md). The
small XSD below states those facts as a schema; what we build must validate against it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from eurzad.channels.keys import new_system_credentials
from eurzad.channels.upo import (
    UPO,
    Delivery,
    Receipt,
    ReceiptError,
    build_upd,
    build_upp,
    digest_of,
    issue_upd,
    issue_upp,
    read_receipt,
    receipt_id_of,
    verify_receipt,
)

# A UPP as ePUAP returns it in OdpowiedzSkrytki/zalacznik (signature left out: the reader
# does not need it, and a made-up signature value would prove nothing).
UPP_SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<pos:Dokument xmlns:pos="http://crd.gov.pl/xml/schematy/UPO/2008/05/09/">
  <pos:UPP>
    <pos:IdentyfikatorPoswiadczenia>987654</pos:IdentyfikatorPoswiadczenia>
    <pos:Adresat>
      <pos:Nazwa>Urz\xc4\x85d Gminy Zembrzyce</pos:Nazwa>
      <pos:IdentyfikatorPodmiotu TypIdentyfikatora="AdresSkrytki"
        >/ugzembrzyce/SkrytkaESP</pos:IdentyfikatorPodmiotu>
    </pos:Adresat>
    <pos:Nadawca>
      <pos:Nazwa>Jan Kowalski</pos:Nazwa>
      <pos:IdentyfikatorPodmiotu TypIdentyfikatora="AdresSkrytki"
        >/jkowalski/domyslna</pos:IdentyfikatorPodmiotu>
    </pos:Nadawca>
    <pos:DataDoreczenia>2024-03-05T10:15:30.000+01:00</pos:DataDoreczenia>
    <pos:DataWytworzeniaPoswiadczenia>2024-03-05T10:15:31.000+01:00</pos:DataWytworzeniaPoswiadczenia>
    <pos:IdentyfikatorDokumentu>12345</pos:IdentyfikatorDokumentu>
    <pos:InformacjaUzupelniajaca TypInformacjiUzupelniajacej="SkrotDokumentuSHA256"
      >WvbIW1wVgWxdXWPtw+xAs/sXKJI2BH9Sl7QQM54C3fE=</pos:InformacjaUzupelniajaca>
  </pos:UPP>
</pos:Dokument>
"""

UPD_SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Dokument xmlns="http://crd.gov.pl/xml/schematy/UPO/2008/05/09/">
  <UPD>
    <IdentyfikatorPoswiadczenia>555</IdentyfikatorPoswiadczenia>
    <PodmiotWystawiajacyPoswiadczenie>
      <Nazwa>Urz\xc4\x85d Gminy Zembrzyce</Nazwa>
      <IdentyfikatorPodmiotu TypIdentyfikatora="AdresSkrytki"
        >/ugzembrzyce/SkrytkaESP</IdentyfikatorPodmiotu>
    </PodmiotWystawiajacyPoswiadczenie>
    <Adresat>
      <Nazwa>Jan Kowalski</Nazwa>
      <IdentyfikatorPodmiotu TypIdentyfikatora="AdresSkrytki"
        >/jkowalski/domyslna</IdentyfikatorPodmiotu>
    </Adresat>
    <DataOdbioru>2024-03-07T08:00:00Z</DataOdbioru>
    <DataUtworzeniaPoswiadczenia>2024-03-07T08:00:01Z</DataUtworzeniaPoswiadczenia>
    <IdentyfikatorSprawy>RG.6220.1.2024</IdentyfikatorSprawy>
    <IdentyfikatorDokumentu>pismo-7</IdentyfikatorDokumentu>
  </UPD>
</Dokument>
"""

# The facts as a schema: qualified elements, unqualified attributes, the signature after
# the receipt. Written for this test; ePUAP's own UPO.xsd was not at hand (see the docs).
SCHEMA = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:upo="{UPO}"
  targetNamespace="{UPO}" elementFormDefault="qualified">
  <xs:complexType name="Identyfikator">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="TypIdentyfikatora" type="xs:string"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Podmiot">
    <xs:sequence>
      <xs:element name="Nazwa" type="xs:string"/>
      <xs:element name="IdentyfikatorPodmiotu" type="upo:Identyfikator"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Informacja">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="TypInformacjiUzupelniajacej" type="xs:string"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="Dokument">
    <xs:complexType>
      <xs:sequence>
        <xs:choice>
          <xs:element name="UPP">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="IdentyfikatorPoswiadczenia" type="xs:string"/>
                <xs:element name="Adresat" type="upo:Podmiot"/>
                <xs:element name="Nadawca" type="upo:Podmiot"/>
                <xs:element name="DataDoreczenia" type="xs:dateTime"/>
                <xs:element name="DataWytworzeniaPoswiadczenia" type="xs:dateTime"/>
                <xs:element name="IdentyfikatorDokumentu" type="xs:string"/>
                <xs:element name="InformacjaUzupelniajaca" type="upo:Informacja"
                  minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
          <xs:element name="UPD">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="IdentyfikatorPoswiadczenia" type="xs:string"/>
                <xs:element name="PodmiotWystawiajacyPoswiadczenie" type="upo:Podmiot"/>
                <xs:element name="Adresat" type="upo:Podmiot"/>
                <xs:element name="DataOdbioru" type="xs:dateTime"/>
                <xs:element name="DataUtworzeniaPoswiadczenia" type="xs:dateTime"/>
                <xs:element name="IdentyfikatorSprawy" type="xs:string" minOccurs="0"/>
                <xs:element name="IdentyfikatorDokumentu" type="xs:string"/>
                <xs:element name="InformacjaUzupelniajaca" type="upo:Informacja"
                  minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:choice>
        <xs:any namespace="http://www.w3.org/2000/09/xmldsig#" processContents="skip"
          minOccurs="0"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""

DOCUMENT = b"<Dokument><Tresc>Wniosek testowy</Tresc></Dokument>"
# base64(SHA-256(DOCUMENT)), computed once with hashlib.
DOCUMENT_SHA256 = "WvbIW1wVgWxdXWPtw+xAs/sXKJI2BH9Sl7QQM54C3fE="


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.fromstring(SCHEMA.encode()))


@pytest.fixture(scope="module")
def credentials() -> tuple[str, str]:
    return new_system_credentials("ePUAP (test)")


def _receipt() -> Receipt:
    return Receipt(
        recipient_name="Urząd Gminy Zembrzyce",
        recipient_address="/ugzembrzyce/SkrytkaESP",
        sender_name="Jan Kowalski",
        sender_address="/jkowalski/domyslna",
        document_id="12345",
        document=DOCUMENT,
        delivered_at=dt.datetime(2024, 3, 5, 9, 15, 30, tzinfo=dt.UTC),
    )


def _delivery() -> Delivery:
    return Delivery(
        issuer_name="Urząd Gminy Zembrzyce",
        issuer_address="/ugzembrzyce/SkrytkaESP",
        recipient_name="Jan Kowalski",
        recipient_address="/jkowalski/domyslna",
        document_id="pismo-7",
        collected_at=dt.datetime(2024, 3, 7, 8, 0, tzinfo=dt.UTC),
        case_id="RG.6220.1.2024",
    )


def test_the_digest_is_base64_sha256_of_the_document() -> None:
    assert digest_of(DOCUMENT) == DOCUMENT_SHA256


def test_reads_a_reference_shaped_upp() -> None:
    receipt = read_receipt(UPP_SAMPLE)
    assert receipt.kind == "UPP"
    assert receipt.receipt_id == "987654"
    assert receipt.document_id == "12345"
    assert receipt.recipient.name == "Urząd Gminy Zembrzyce"
    assert receipt.recipient.identifier == "/ugzembrzyce/SkrytkaESP"
    assert receipt.recipient.kind == "AdresSkrytki"
    assert receipt.sender.name == "Jan Kowalski"
    assert receipt.sender.identifier == "/jkowalski/domyslna"
    assert receipt.delivered_at == dt.datetime(2024, 3, 5, 9, 15, 30, tzinfo=dt.UTC)
    assert receipt.issued_at == dt.datetime(2024, 3, 5, 9, 15, 31, tzinfo=dt.UTC)
    assert receipt.digest == DOCUMENT_SHA256
    assert receipt_id_of(etree.fromstring(UPP_SAMPLE)) == "987654"


def test_reads_a_reference_shaped_upd() -> None:
    receipt = read_receipt(UPD_SAMPLE)
    assert receipt.kind == "UPD"
    assert receipt.receipt_id == "555"
    assert receipt.document_id == "pismo-7"
    assert receipt.case_id == "RG.6220.1.2024"
    assert receipt.sender.identifier == "/ugzembrzyce/SkrytkaESP"  # the issuing office
    assert receipt.recipient.name == "Jan Kowalski"
    assert receipt.delivered_at == dt.datetime(2024, 3, 7, 8, 0, tzinfo=dt.UTC)
    assert receipt.digest == ""


def test_a_qualified_identifier_type_is_read_too() -> None:
    # One public client reads TypIdentyfikatora as a qualified attribute.
    qualified = UPP_SAMPLE.replace(b' TypIdentyfikatora="', b' pos:TypIdentyfikatora="')
    assert read_receipt(qualified).recipient.kind == "AdresSkrytki"


def test_the_reference_samples_satisfy_the_schema_facts(schema: etree.XMLSchema) -> None:
    schema.assertValid(etree.fromstring(UPP_SAMPLE))
    schema.assertValid(etree.fromstring(UPD_SAMPLE))


def test_the_upp_we_build_has_the_schema_shape(schema, credentials) -> None:
    root = build_upp(_receipt(), receipt_id="UPP-1")
    schema.assertValid(root)
    (body,) = root
    assert [etree.QName(child).localname for child in body] == [
        "IdentyfikatorPoswiadczenia",
        "Adresat",
        "Nadawca",
        "DataDoreczenia",
        "DataWytworzeniaPoswiadczenia",
        "IdentyfikatorDokumentu",
        "InformacjaUzupelniajaca",
    ]
    receipt_id, signed = issue_upp(_receipt(), *credentials, receipt_id="UPP-1")
    schema.assertValid(etree.fromstring(signed))  # the signature comes after the UPP
    assert receipt_id == "UPP-1"
    read = read_receipt(signed)
    assert (read.receipt_id, read.document_id, read.digest) == ("UPP-1", "12345", DOCUMENT_SHA256)


def test_the_upd_we_build_has_the_schema_shape(schema, credentials) -> None:
    root = build_upd(_delivery(), receipt_id="UPD-1")
    schema.assertValid(root)
    _, signed = issue_upd(_delivery(), *credentials, receipt_id="UPD-1")
    schema.assertValid(etree.fromstring(signed))
    read = read_receipt(signed)
    assert (read.kind, read.document_id, read.case_id) == ("UPD", "pismo-7", "RG.6220.1.2024")


def test_the_signature_is_verified_and_tampering_refused(credentials) -> None:
    _, signed = issue_upp(_receipt(), *credentials)
    verify_receipt(signed, credentials[1])
    with pytest.raises(ReceiptError):
        verify_receipt(signed.replace(b"12345", b"12346"), credentials[1])
    with pytest.raises(ReceiptError):
        verify_receipt(signed, new_system_credentials("someone else")[1])
    with pytest.raises(ReceiptError):
        verify_receipt(UPP_SAMPLE, credentials[1])  # unsigned


def test_receipts_stored_by_earlier_versions_stay_readable() -> None:
    older = (
        f'<upo:Dokument xmlns:upo="{UPO}" ID="UPO-1"><upo:UPO>'
        "<upo:IdentyfikatorPoswiadczenia>UPO-1</upo:IdentyfikatorPoswiadczenia>"
        "<upo:DataDoreczenia>2024-03-05T09:15:30+00:00</upo:DataDoreczenia>"
        "<upo:IdentyfikatorDokumentu>abc</upo:IdentyfikatorDokumentu>"
        f'<upo:SkrotDokumentu AlgorytmSkrotu="SHA-256">{DOCUMENT_SHA256}</upo:SkrotDokumentu>'
        "</upo:UPO></upo:Dokument>"
    ).encode()
    read = read_receipt(older)
    assert (read.kind, read.receipt_id, read.document_id) == ("UPO", "UPO-1", "abc")
    assert read.digest == DOCUMENT_SHA256


def test_anything_else_is_not_a_receipt() -> None:
    with pytest.raises(ReceiptError):
        read_receipt(b"<Dokument><UPP/></Dokument>")  # no namespace
    with pytest.raises(ReceiptError):
        read_receipt(b"<not xml")
