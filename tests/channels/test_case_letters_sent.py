"""A case letter goes out through the e-Doręczenia and ePUAP simulators over HTTP: the
Celery task hands it over, the periodic check fetches the evidence, the letter settles,
and the resident sees the evidence in the case and downloads it. Paper for the rest; a
provider that refuses leaves the letter queued with its answer."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_tenants.utils import schema_context
from lxml import etree

from eurzad.cases.letters import MAX_ATTEMPTS, dispatch_letter, send_delivery
from eurzad.cases.models import CaseDocument, LetterDelivery
from eurzad.cases.tasks import check_letter_deliveries, send_letter
from eurzad.channels.documents import ChannelKind
from eurzad.channels.models import ChannelConfig
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import DispatchRefused
from eurzad.channels.services import poll
from eurzad.channels.simulator import inboxes
from eurzad.channels.simulator.ade import delivery as ade
from eurzad.channels.simulator.ade import store
from tests.cases import factories as c
from tests.channels.conftest import config_of
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance import factories as f

ADE = "AE:PL-92071-31476-NOWAK-04"
INBOX = "/annanowak/skrytka"
PESEL = "92071314764"


@pytest.fixture(autouse=True)
def _fresh_tokens():
    cache.clear()
    yield
    cache.clear()


def _send_through_the_task(delivery: LetterDelivery) -> LetterDelivery:
    send_letter.apply(args=[delivery.pk], throw=False)
    return LetterDelivery.objects.get(pk=delivery.pk)


def _kinds(delivery: LetterDelivery) -> list[str]:
    return list(delivery.evidences.values_list("kind", flat=True))


def test_letter_through_e_doreczenia_with_its_evidence_in_the_residents_case(simulators):
    anna = f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL, ade_address=ADE))
    case = c.case("zembrzyce", anna.party)
    letter = c.document("zembrzyce", case, content=b"Tresc decyzji")
    with schema_context("zembrzyce"):
        (queued,) = dispatch_letter(letter)
        sent = _send_through_the_task(queued)
        assert (sent.route, sent.state) == ("edoreczenia", "sent")
        assert _kinds(sent) == ["A.1", "BP.WX", "D.1"]  # fetched right after sending
    (received,) = [m for m in store.messages_of(ADE) if store.folder_of(m) == "INBOX"]
    assert received["attachments"][0]["filename"] == "pismo.txt"
    assert received["caseId"] == case.sign
    assert ade.collect(sent.message_id)
    with schema_context("zembrzyce"):
        assert check_letter_deliveries() == {"checked": 1, "resent": 0, "interrupted": 0}
        settled = LetterDelivery.objects.get(pk=sent.pk)
        assert settled.state == "delivered"
        assert _kinds(settled)[3:] == ["E.1", "BP.OX"]
        assert CaseDocument.objects.get(pk=letter.pk).delivery == "delivered"
        check_letter_deliveries()  # asking again keeps each evidence once
        assert settled.evidences.count() == 5
        delivered = settled.evidences.get(kind="E.1")
        url = delivered.file.url
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    html = client.get(f"/konto/sprawy/{case.pk}/").content.decode()
    assert "Dowód doręczenia (E.1)" in html and "Dowód wysłania (A.1)" in html
    download = client.get(url)
    assert download.status_code == 200
    evidence = etree.fromstring(b"".join(download.streaming_content))
    assert evidence.findtext(f"{{{ade.EVIDENCE_NS}}}Typ") == "E.1"
    # Another town's host knows neither the case nor the evidence.
    stranger = f.logged_in("glogow", GLOGOW_HOST, f.resident("glogow", f.party("glogow")))
    assert stranger.get(url).status_code == 404


def test_a_letter_nobody_collects_is_deemed_delivered(simulators):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    letter = c.document("glogow", c.case("glogow", owner))
    with schema_context("glogow"):
        (queued,) = dispatch_letter(letter)
        sent = _send_through_the_task(queued)
    assert ade.deem_delivered(sent.message_id)
    with schema_context("glogow"):
        check_letter_deliveries()
        settled = LetterDelivery.objects.get(pk=sent.pk)
        assert settled.state == "delivered"
        assert "E.1" not in _kinds(settled) and "BP.OX" in _kinds(settled)


def test_letter_through_epuap_comes_back_with_the_upd(simulators):
    owner = f.party("zembrzyce", pesel=PESEL, epuap_inbox=INBOX)
    case = c.case("zembrzyce", owner)
    letter = c.document("zembrzyce", case)
    with schema_context("zembrzyce"):
        (queued,) = dispatch_letter(letter)
        sent = _send_through_the_task(queued)
        assert (sent.route, sent.state, _kinds(sent)) == ("epuap", "sent", [])
    (kept,) = inboxes.inbox(INBOX)
    inboxes.collect(kept.document_id, recipient_name="Anna Nowak")
    with schema_context("zembrzyce"):
        poll(config_of("zembrzyce"))  # ePUAP returns the UPD to the office's mailbox
        check_letter_deliveries()
        settled = LetterDelivery.objects.get(pk=sent.pk)
        assert (settled.state, _kinds(settled)) == ("delivered", ["UPD"])


def test_refusing_provider_leaves_the_letter_queued_then_failed(simulators):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    letter = c.document("glogow", c.case("glogow", owner))
    with schema_context("glogow"):
        ChannelConfig.objects.filter(kind=ChannelKind.EDORECZENIA).update(
            client_id="AE:PL-00000-00000-XXXXX-00.SYSTEM.obcy"
        )
        (queued,) = dispatch_letter(letter)
        with pytest.raises(ChannelError):
            send_delivery(queued)
        kept = LetterDelivery.objects.get(pk=queued.pk)
        assert (kept.state, kept.attempts) == ("queued", 1)
        assert "e-Doręczeń odmówił" in kept.last_error
        # The task tries again with growing pauses (at once here, eagerly) and gives up.
        failed = _send_through_the_task(kept)
        assert (failed.state, failed.attempts) == ("failed", MAX_ATTEMPTS)
        assert failed.evidences.count() == 0
    assert all(m.get("caseId") != letter.case.sign for m in store.messages_of(ADE))


def test_two_workers_never_send_one_letter_twice(simulators):
    owner = f.party("zembrzyce", pesel=PESEL, ade_address=ADE)
    letter = c.document("zembrzyce", c.case("zembrzyce", owner))
    with schema_context("zembrzyce"):
        (queued,) = dispatch_letter(letter)
        first, second = (LetterDelivery.objects.get(pk=queued.pk) for _ in range(2))
        send_delivery(first)
        send_delivery(second)  # the other worker finds it claimed and sent: nothing
        sent = LetterDelivery.objects.get(pk=queued.pk)
        assert (sent.state, sent.attempts) == ("sent", 1)
        names = [evidence.file_name for evidence in sent.evidences.all()]
    copies = [m for m in store.messages_of(ADE) if m.get("caseId") == letter.case.sign]
    assert len(copies) == 1
    assert names and all(name.endswith(".xml") for name in names)


def test_a_letter_the_provider_refuses_for_good_fails_at_once(simulators):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    letter = c.document("glogow", c.case("glogow", owner))
    with schema_context("glogow"):
        # An address the provider does not take (as if read wrongly from the register).
        type(owner).objects.filter(pk=owner.pk).update(ade_address="AE:XX-1")
        (queued,) = dispatch_letter(CaseDocument.objects.get(pk=letter.pk))
        with pytest.raises(DispatchRefused):
            send_delivery(queued)
        failed = LetterDelivery.objects.get(pk=queued.pk)
        assert (failed.state, failed.attempts) == ("failed", 1)
        assert "INVALID_ADDRESS" in failed.last_error
