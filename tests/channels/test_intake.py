"""Intake over real HTTP: a resident's signed access request goes into Zembrzyce's ePUAP
mailbox on the simulator; polling takes it in once, with a UPO, hands it to the handler
once and acknowledges it; another town never sees it."""

from __future__ import annotations

import types

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from eurzad.channels.contrib.epuap.adapter import EpuapPullAdapter
from eurzad.channels.documents import Authorisation, ChannelKind
from eurzad.channels.models import IntakeRecord
from eurzad.channels.registry import ChannelError
from eurzad.channels.services import poll, take_in
from eurzad.channels.simulator import mailboxes
from eurzad.channels.tasks import poll_intake
from eurzad.channels.upo import digest_of, read_receipt, verify_receipt
from tests.channels.conftest import JAN, MARIA, config_of, send

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _records(town: str) -> list[IntakeRecord]:
    with schema_context(town):
        return list(IntakeRecord.objects.order_by("pk"))


def test_access_request_is_taken_in_once_with_its_upo(simulators, access_request_handler):
    sent = send(
        "zembrzyce",
        authorisations=(Authorisation(pesel=MARIA, name="Maria Wiśniewska"),),
        text="Proszę o konto.",
    )

    with schema_context("zembrzyce"):
        result = poll(config_of("zembrzyce"))

    assert (result.taken_in, result.handled, result.rejected) == (1, 1, 0)
    (record,) = _records("zembrzyce")
    assert record.status == IntakeRecord.Status.HANDLED
    assert record.handler == "test-access-request"
    assert record.message_id == sent.message_id
    assert record.title == "Wniosek o rejestrację konta na platformie eUrząd"
    assert record.sender_name == "Jan Kowalski"
    assert JAN not in record.sender
    assert bytes(record.document) == sent.content
    # WS-Pull's published answer carries no UPO: the town issues its own UPP, signed with its
    # system key, naming the document by the id ePUAP gave in daneDodatkowe.
    receipt = read_receipt(bytes(record.upo_xml))
    assert receipt.kind == "UPP" and receipt.receipt_id == record.upo_id
    assert receipt.document_id == sent.message_id
    assert receipt.recipient.identifier == "/zembrzyce/SkrytkaESP"
    assert receipt.digest == digest_of(sent.content)
    verify_receipt(bytes(record.upo_xml), config_of("zembrzyce").system_certificate)

    (document, record_pk), *_ = access_request_handler.calls
    assert len(access_request_handler.calls) == 1
    assert record_pk == record.pk
    assert document.signer.pesel == JAN
    assert document.form.authorisations[0].pesel == MARIA
    assert document.channel == ChannelKind.EPUAP
    assert document.received_at.tzinfo is not None
    # Acknowledged: the mailbox is empty, and polling again changes nothing.
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 0
    with schema_context("zembrzyce"):
        again = poll(config_of("zembrzyce"))
        assert again.taken_in == 0
        assert config_of("zembrzyce").last_polled_at is not None
    assert len(_records("zembrzyce")) == 1
    assert len(access_request_handler.calls) == 1


def test_redelivered_document_is_not_handled_twice(simulators, access_request_handler):
    """The acknowledgement was lost: the provider offers the same document again."""
    send("zembrzyce")
    config = config_of("zembrzyce")
    with schema_context("zembrzyce"):
        document = EpuapPullAdapter(config).fetch_next()
        take_in(config, document)  # taken in, but never acknowledged
        result = poll(config)
    assert result.taken_in == 0
    assert len(_records("zembrzyce")) == 1
    assert len(access_request_handler.calls) == 1
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 0


def test_failing_handler_rejects_but_keeps_the_document(simulators, access_request_handler):
    access_request_handler.fail = True
    sent = send("zembrzyce")
    with schema_context("zembrzyce"):
        result = poll(config_of("zembrzyce"))
    assert (result.taken_in, result.rejected) == (1, 1)
    (record,) = _records("zembrzyce")
    assert record.status == IntakeRecord.Status.REJECTED
    assert "RuntimeError: the test handler refuses" in record.reason
    assert "Błąd obsługi dokumentu: RuntimeError" in record.reason
    assert bytes(record.document) == sent.content
    assert record.upo_id


def test_tampered_document_is_recorded_as_rejected(simulators, access_request_handler):
    from tests.channels.conftest import signed_form

    tampered = signed_form(text="Proszę o konto.").replace(b"konto.", b"kont0.")
    send("zembrzyce", document=tampered)
    with schema_context("zembrzyce"):
        poll(config_of("zembrzyce"))
    (record,) = _records("zembrzyce")
    assert record.status == IntakeRecord.Status.REJECTED
    assert "Treść dokumentu zmieniono po podpisaniu – podpis jest nieważny." in record.reason
    assert access_request_handler.calls == []


def test_glogow_never_sees_zembrzyce_mailbox(simulators, access_request_handler):
    send("zembrzyce")
    with schema_context("glogow"):
        result = poll(config_of("glogow"))
    assert result.taken_in == 0
    assert _records("glogow") == []
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 1


def _pretending(config, **changes):
    fields = {
        name: getattr(config, name)
        for name in (
            "podmiot_id",
            "mailbox_name",
            "mailbox_address",
            "endpoint",
            "system_private_key",
            "system_certificate",
            "trusted_provider_certificate",
        )
    }
    return types.SimpleNamespace(**(fields | changes))


def test_glogow_certificate_cannot_read_zembrzyce_mailbox(simulators):
    send("zembrzyce")
    glogow = config_of("glogow")
    # Głogów's system claims to be Zembrzyce...
    as_zembrzyce = _pretending(
        glogow, podmiot_id="zembrzyce", mailbox_address="/zembrzyce/SkrytkaESP"
    )
    with pytest.raises(ChannelError, match="podpis nie pochodzi od zarejestrowanego certyfikatu"):
        EpuapPullAdapter(as_zembrzyce).fetch_next()
    # ...or, as itself, asks for Zembrzyce's mailbox.
    own_podmiot = _pretending(glogow, mailbox_address="/zembrzyce/SkrytkaESP")
    with pytest.raises(ChannelError, match="does not belong to this podmiot"):
        EpuapPullAdapter(own_podmiot).fetch_next()
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 1


def test_poll_task_takes_in_for_its_own_town(simulators, access_request_handler):
    send("zembrzyce")
    with schema_context("zembrzyce"):
        assert poll_intake() == {"edoreczenia": 0, "epuap": 1}
    with schema_context("glogow"):
        assert poll_intake() == {"edoreczenia": 0, "epuap": 0}


def test_unreachable_provider_is_noted_on_the_configuration(simulators, settings):
    settings.EPUAP_SIMULATOR_URL = "http://127.0.0.1:9/symulator-epuap"
    with schema_context("zembrzyce"):
        config = config_of("zembrzyce")
        with pytest.raises(ChannelError, match="Nie można połączyć się z ePUAP"):
            poll(config)
        config.refresh_from_db()
        assert "Nie można połączyć się z ePUAP" in config.last_error


def test_epuap_send_command_puts_a_signed_form_in_the_mailbox(simulators, capsys):
    call_command(
        "epuap_send",
        "--town",
        "zembrzyce",
        "--form",
        "access-request",
        "--person",
        JAN,
        "--authorise",
        f"{MARIA}:Maria Wiśniewska:pay:2027-12-31",
    )
    assert "/zembrzyce/SkrytkaESP" in capsys.readouterr().out
    (message,) = mailboxes.waiting("epuap", "/zembrzyce/SkrytkaESP")
    assert b"Upowaznienie" in message.content
