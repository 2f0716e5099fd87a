"""The receipt of an application filed in the portal: a UPP the town signs with its own
system key, attesting the XML copy's SHA-256; read back and verified as every UPP is, and
printed on one page."""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import schema_context
from lxml import etree
from pypdf import PdfReader

from eurzad.channels.keys import new_system_credentials
from eurzad.channels.services import receipt_issuer
from eurzad.channels.upo import ReceiptError, digest_of, read_receipt, verify_receipt
from eurzad.eservices.documents import as_xml
from eurzad.eservices.filed import NotFiled
from eurzad.eservices.models import Submission, definition_of
from eurzad.eservices.receipt import (
    APPLICATION_DIGEST,
    FORM_NAME,
    receipt_pdf,
    receipt_xml,
    town_receipt_xml,
)
from eurzad.eservices.services import save_answers, start, submit
from tests.channels.test_upo_reference import SCHEMA as UPO_SCHEMA
from tests.eservices.filing import PESEL, REPORT, filed, jan
from tests.eservices.forms import published


@pytest.fixture
def submission(towns) -> Submission:
    return filed(published("zembrzyce"), jan())


def _copy(submission: Submission) -> bytes:
    return as_xml(submission, definition_of(submission.revision))


def test_the_receipt_is_signed_by_the_towns_system_key(submission):
    with schema_context("zembrzyce"):
        receipt = town_receipt_xml(submission)
        certificate = receipt_issuer().system_certificate
    verify_receipt(receipt, certificate)
    etree.XMLSchema(etree.fromstring(UPO_SCHEMA.encode())).assertValid(etree.fromstring(receipt))


def test_read_back_it_says_what_was_received_when_from_whom_by_which_office(submission):
    with schema_context("zembrzyce"):
        copy = _copy(submission)
        read = read_receipt(town_receipt_xml(submission, copy=copy))
        office_address = receipt_issuer().address
    assert read.kind == "UPP" and read.receipt_id.startswith("UPP-")
    assert read.document_id == submission.reference
    assert (read.sender.name, read.sender.identifier, read.sender.kind) == (
        "Jan Kowalski", PESEL, "PESEL"
    )  # fmt: skip
    assert (read.recipient.name, read.recipient.identifier) == (
        "Urząd Gminy Zembrzyce", office_address
    )  # fmt: skip
    assert read.delivered_at == submission.submitted_at.replace(microsecond=0)
    assert read.digest == digest_of(copy)  # base64 SHA-256 of the XML copy
    extra = dict(read.extra)
    assert extra[FORM_NAME] == submission.form.name
    assert extra[APPLICATION_DIGEST] == submission.digest


def test_one_changed_byte_of_the_digest_fails_verification(submission):
    with schema_context("zembrzyce"):
        copy = _copy(submission)
        receipt = town_receipt_xml(submission, copy=copy)
        certificate = receipt_issuer().system_certificate
    digest = digest_of(copy).encode()
    assert receipt.count(digest) == 1
    changed = bytes([digest[0] ^ 1]) + digest[1:]  # one byte, one bit
    with pytest.raises(ReceiptError):
        verify_receipt(receipt.replace(digest, changed), certificate)


def test_signed_with_given_credentials_it_verifies_only_against_their_certificate(submission):
    key, certificate = new_system_credentials("test", organization="Gmina Zembrzyce")
    with schema_context("zembrzyce"):
        receipt = receipt_xml(submission, private_key_pem=key, certificate_pem=certificate)
        town_certificate = receipt_issuer().system_certificate
    verify_receipt(receipt, certificate)
    with pytest.raises(ReceiptError):
        verify_receipt(receipt, town_certificate)


def test_the_receipt_pdf_holds_the_reference_and_the_digests(submission):
    with schema_context("zembrzyce"):
        copy = _copy(submission)
        receipt = town_receipt_xml(submission, copy=copy)
        pdf = receipt_pdf(receipt, copy=copy)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    flat = text.replace("\n", "")
    assert submission.reference in text
    assert read_receipt(receipt).receipt_id in flat
    assert digest_of(copy) in flat and submission.digest in flat
    assert "Urzędowe poświadczenie przedłożenia" in text
    assert "podpis poprawny" in text  # the town trusts its own system certificate
    assert "zgodny z dokumentem" in text


def test_an_anonymous_report_is_received_from_no_one_named(towns):
    form = published("zembrzyce", REPORT, anonymous=True)
    with schema_context("zembrzyce"):
        draft = start(form, None, None)
        save_answers(draft, {"miejsce": "ul. Kościelna 3", "zgoda": "on"})
        submit(draft, None)
        receipt = town_receipt_xml(Submission.objects.get(pk=draft.pk))
        certificate = receipt_issuer().system_certificate
    verify_receipt(receipt, certificate)
    sender = read_receipt(receipt).sender
    assert (sender.name, sender.identifier, sender.kind) == ("zgłaszający anonimowy", "", "")


def test_a_draft_gets_no_receipt(towns):
    resident = jan()
    form = published("zembrzyce")
    with schema_context("zembrzyce"):
        draft = start(form, resident.party, resident)
        with pytest.raises(NotFiled):
            town_receipt_xml(draft)
