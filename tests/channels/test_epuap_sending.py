"""Sending a letter through ePUAP (WS-Doręczyciel) against the simulator over HTTP: the
letter lands in the resident's simulated inbox; once collected, ePUAP's UPD comes back
to the office's mailbox, intake files it, and the sender reports it as delivered. No
other town ever sees the letter or its UPD."""

from __future__ import annotations

import datetime as dt
import types
import uuid

import pytest
from cryptography import x509
from django_tenants.utils import schema_context

from eurzad.channels import xades
from eurzad.channels.contrib.epuap.sender import DoreczycielClient
from eurzad.channels.documents import Attachment
from eurzad.channels.forms import parse_untrusted
from eurzad.channels.models import EpuapDelivery, IntakeRecord
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import DeliveryState, OutgoingLetter, sender_for
from eurzad.channels.services import poll
from eurzad.channels.simulator import inboxes, mailboxes
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.upo import Delivery, issue_upd, read_receipt, verify_receipt
from tests.channels.conftest import config_of


def _letter(**changes) -> OutgoingLetter:
    fields = {
        "reference": f"pismo-{uuid.uuid4().hex[:8]}",
        "recipient_address": f"/{uuid.uuid4().hex[:10]}/skrytka",
        "recipient_name": "Jan Kowalski",
        "subject": "Decyzja w sprawie podatku",
        "body": "W załączeniu decyzja.",
        "attachments": (Attachment("decyzja.pdf", "application/pdf", b"%PDF-1.4 test"),),
        "case_sign": "RG.6220.1.2024",
    }
    return OutgoingLetter(**(fields | changes))


def test_letter_is_delivered_and_its_upd_comes_back(simulators):
    letter = _letter()
    with schema_context("zembrzyce"):
        sender = sender_for(config_of("zembrzyce"))
        dispatch = sender.send(letter)
        assert sender.evidence(dispatch) == []  # not collected yet
        assert sender.send(letter) == dispatch  # the same letter is never sent twice

    (kept,) = inboxes.inbox(letter.recipient_address)
    assert kept.document_id == dispatch.message_id
    assert (kept.sender_document_id, kept.case_id) == (letter.reference, "RG.6220.1.2024")
    assert kept.reply_to == "/zembrzyce/SkrytkaESP"
    root = parse_untrusted(kept.content)
    assert root.findtext(".//{*}Tytul") == "Decyzja w sprawie podatku"
    assert b"decyzja.pdf" in kept.content
    office = x509.load_pem_x509_certificate(config_of("zembrzyce").system_certificate.encode())
    with pytest.raises(xades.SignatureInvalid, match="Profil"):  # the office's seal, no PZ
        xades.verify(kept.content, authorities=[office])

    inboxes.collect(kept.document_id, recipient_name="Jan Kowalski")
    with schema_context("zembrzyce"):
        result = poll(config_of("zembrzyce"))
        (record,) = result.records
        assert (record.status, record.handler) == (IntakeRecord.Status.HANDLED, "epuap-upd")
        (evidence,) = sender.evidence(dispatch)
    assert (evidence.kind, evidence.state) == ("UPD", DeliveryState.DELIVERED)
    receipt = read_receipt(evidence.content)
    assert (receipt.document_id, receipt.case_id) == (letter.reference, "RG.6220.1.2024")
    assert receipt.recipient.identifier == letter.recipient_address
    assert evidence.evidence_id == receipt.receipt_id
    verify_receipt(evidence.content, provider_key_and_certificate()[1])

    # Głogów: no such letter, no evidence, nothing in its mailbox.
    with schema_context("glogow"):
        assert not EpuapDelivery.objects.exists()
        assert sender_for(config_of("glogow")).evidence(dispatch) == []
    assert mailboxes.count("epuap", "/glogow/SkrytkaESP") == 0


def test_a_bad_recipient_address_is_refused_before_sending(simulators):
    with (
        schema_context("zembrzyce"),
        pytest.raises(ChannelError, match="/identyfikator-podmiotu/skrytka"),
    ):
        sender_for(config_of("zembrzyce")).send(_letter(recipient_address="AE:PL-1"))


def test_another_towns_certificate_cannot_send_as_zembrzyce(simulators):
    glogow = config_of("glogow")
    pretending = types.SimpleNamespace(
        podmiot_id="zembrzyce",
        mailbox_address="/zembrzyce/SkrytkaESP",
        delivery_endpoint=glogow.delivery_endpoint,
        system_private_key=glogow.system_private_key,
        system_certificate=glogow.system_certificate,
        trusted_provider_certificate=glogow.trusted_provider_certificate,
    )
    recipient = f"/{uuid.uuid4().hex[:10]}/skrytka"
    with pytest.raises(ChannelError, match="podpis nie pochodzi od zarejestrowanego certyfikatu"):
        DoreczycielClient(pretending).dorecz(
            recipient=recipient, document=b"<x/>", document_id="x", deadline=_now()
        )
    # As itself, Głogów may not name Zembrzyce's mailbox for the replies.
    as_itself = types.SimpleNamespace(**(vars(pretending) | {"podmiot_id": "glogow"}))
    with pytest.raises(ChannelError, match="does not belong to this podmiot"):
        DoreczycielClient(as_itself).dorecz(
            recipient=recipient, document=b"<x/>", document_id="x", deadline=_now()
        )
    assert inboxes.inbox(recipient) == []


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _put_upd(document_id: str, key: str, certificate: str) -> None:
    _, upd = issue_upd(
        Delivery(
            issuer_name="Urząd",
            issuer_address="/zembrzyce/SkrytkaESP",
            recipient_name="Jan Kowalski",
            recipient_address="/jkowalski/skrytka",
            document_id=document_id,
            collected_at=_now(),
        ),
        key,
        certificate,
    )
    mailboxes.put(
        channel="epuap",
        mailbox="/zembrzyce/SkrytkaESP",
        document=upd,
        sender_address="/jkowalski/skrytka",
        sender_name="ePUAP",
        recipient_name="Urząd",
        subject="UPD",
        filename="UPD.xml",
    )


def test_an_upd_for_no_letter_of_ours_or_not_by_epuap_is_rejected(simulators):
    _put_upd("pismo-never-sent", *provider_key_and_certificate())
    letter = _letter()
    with schema_context("zembrzyce"):
        dispatch = sender_for(config_of("zembrzyce")).send(letter)
    forger = config_of("glogow")
    _put_upd(letter.reference, forger.system_private_key, forger.system_certificate)
    with schema_context("zembrzyce"):
        result = poll(config_of("zembrzyce"))
        unknown, forged = result.records
        assert unknown.status == forged.status == IntakeRecord.Status.REJECTED
        assert "którego urząd nie wysłał" in unknown.reason
        assert "nie jest ważnie podpisane przez ePUAP" in forged.reason
        assert sender_for(config_of("zembrzyce")).evidence(dispatch) == []
