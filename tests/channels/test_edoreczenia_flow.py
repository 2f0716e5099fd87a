"""e-Doręczenia over real HTTP against the simulator: a resident's signed form reaches a
town's mailbox and is taken in once with the operator's delivery evidence; a town's
letter is sent, collected (or not) and its evidences come back; one town's system never
reaches another town's mailbox; forged, expired and replayed assertions are refused."""

from __future__ import annotations

import datetime as dt
import json
import time
import types
import uuid

import pytest
import requests
from django.core.cache import cache
from django_tenants.utils import schema_context
from lxml import etree

from eurzad.channels.contrib.edoreczenia.adapter import EDoreczeniaAdapter
from eurzad.channels.contrib.edoreczenia.api import UserAgentApi
from eurzad.channels.contrib.edoreczenia.assertion import client_assertion, token_request_form
from eurzad.channels.documents import Attachment, ChannelKind
from eurzad.channels.models import IntakeRecord
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import DeliveryState, OutgoingLetter, sender_for
from eurzad.channels.services import poll
from eurzad.channels.simulator.ade import delivery, store
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.core import jwt
from eurzad.core.xmlsecurity import xmldsig
from tests.channels.conftest import config_of, send

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

RESIDENT = "AE:PL-11111-22222-RESID-01"
PRODUCTION_TOKEN_ENDPOINT = (
    "https://ow.edoreczenia.gov.pl/auth/realms/EDOR/protocol/openid-connect/token"
)


@pytest.fixture(autouse=True)
def _fresh_tokens():
    cache.clear()
    yield
    cache.clear()


def _edo(town: str):
    return config_of(town, ChannelKind.EDORECZENIA)


def _letter(**changes) -> OutgoingLetter:
    fields = {
        "reference": f"pismo-{uuid.uuid4().hex[:6]}",
        "recipient_address": RESIDENT,
        "recipient_name": "Jan Kowalski",
        "subject": "Decyzja w sprawie podatku od nieruchomości",
        "body": "W załączeniu decyzja.",
        "attachments": (Attachment("decyzja.pdf", "application/pdf", b"%PDF-1.7 decyzja"),),
        "case_sign": "FN.3120.7.2026",
    }
    return OutgoingLetter(**(fields | changes))


def _inbox(address: str) -> list[dict]:
    return [m for m in store.messages_of(address) if store.folder_of(m) == "INBOX"]


# ---------------------------------------------------------------- intake


def test_a_residents_form_is_taken_in_once_with_the_delivery_evidence(
    simulators, access_request_handler
):
    sent = send("zembrzyce", channel=ChannelKind.EDORECZENIA)
    config = _edo("zembrzyce")
    with schema_context("zembrzyce"):
        first = poll(config)
        again = poll(config)
        (record,) = IntakeRecord.objects.all()
    assert (first.taken_in, first.handled, again.taken_in) == (1, 1, 0)
    assert (record.channel, record.message_id) == ("edoreczenia", sent.message_id)
    assert record.status == IntakeRecord.Status.HANDLED
    assert bytes(record.document) == sent.content
    assert record.upo_id == sent.upo_id  # the operator's E.1, kept as issued
    evidence = etree.fromstring(bytes(record.upo_xml))
    xmldsig.verify(evidence, provider_key_and_certificate()[1])
    assert evidence.findtext(f"{{{delivery.EVIDENCE_NS}}}Typ") == "E.1"
    assert _inbox(config.delivery_address) == []  # acknowledged: moved to TRASH
    assert len(access_request_handler.calls) == 1


def test_a_message_without_a_signed_form_is_kept_as_rejected(simulators, access_request_handler):
    zembrzyce, glogow = _edo("zembrzyce"), _edo("glogow")
    with schema_context("glogow"):
        dispatch = sender_for(glogow).send(_letter(recipient_address=zembrzyce.delivery_address))
    assert dispatch.message_id
    with schema_context("zembrzyce"):
        result = poll(zembrzyce)
        (record,) = IntakeRecord.objects.all()
    assert (result.taken_in, result.rejected) == (1, 1)
    assert record.status == IntakeRecord.Status.REJECTED
    assert record.sender == glogow.delivery_address
    assert bytes(record.document) == b"W za\xc5\x82\xc4\x85czeniu decyzja."
    assert access_request_handler.calls == []


# ---------------------------------------------------------------- sending and evidence


def _kinds(evidence) -> list[tuple[str, DeliveryState]]:
    return [(e.kind, e.state) for e in evidence]


def test_a_sent_letter_is_collected_and_the_evidence_comes_back(simulators):
    config = _edo("zembrzyce")
    with schema_context("zembrzyce"):
        sender = sender_for(config)
        dispatch = sender.send(_letter())
        before = sender.evidence(dispatch)
        assert delivery.collect(dispatch.message_id)
        after = sender.evidence(dispatch)
    assert _kinds(before) == [
        ("A.1", DeliveryState.SENT),
        ("BP.WX", DeliveryState.SENT),
        ("D.1", DeliveryState.SENT),
    ]
    assert _kinds(after)[3:] == [
        ("E.1", DeliveryState.DELIVERED),
        ("BP.OX", DeliveryState.DELIVERED),
    ]
    for item in after:
        xmldsig.verify(etree.fromstring(item.content), provider_key_and_certificate()[1])
    (received,) = _inbox(RESIDENT)[-1:]
    assert received["attachments"][0]["filename"] == "decyzja.pdf"
    assert received["caseId"] == "FN.3120.7.2026"
    assert not delivery.collect(dispatch.message_id)  # settled once


def test_a_letter_nobody_collects_is_deemed_delivered_after_14_days(simulators):
    config = _edo("zembrzyce")
    with schema_context("zembrzyce"):
        sender = sender_for(config)
        dispatch = sender.send(_letter())
        assert delivery.deem_delivered(dispatch.message_id)
        evidence = sender.evidence(dispatch)
    kinds = [e.kind for e in evidence]
    assert "E.1" not in kinds
    deemed = evidence[-1]
    assert (deemed.kind, deemed.state) == ("BP.OX", DeliveryState.DELIVERED)
    assert deemed.issued_at - dispatch.sent_at >= dt.timedelta(days=13, hours=23)
    assert b"fikcja dor" in deemed.content
    sent = store.message(dispatch.message_id)
    assert sent["status"] == "Uznana za doręczoną"


def test_an_undeliverable_letter_gets_e2(simulators):
    with schema_context("zembrzyce"):
        sender = sender_for(_edo("zembrzyce"))
        dispatch = sender.send(_letter())
        assert delivery.fail_delivery(dispatch.message_id)
        evidence = sender.evidence(dispatch)
    assert (evidence[-1].kind, evidence[-1].state) == ("E.2", DeliveryState.NOT_DELIVERED)


def test_threads_and_folders_of_the_mailbox(simulators):
    config = _edo("zembrzyce")
    with schema_context("zembrzyce"):
        sender_for(config).send(_letter(case_sign="OR.1.2026"))
        api = UserAgentApi(config)
        threads = api.threads(caseId="OR.1.2026")
        folders = {f["label"]: f["total"] for f in api.directories()}
        thread = api.thread(threads["Thread"][0]["threadId"])
    assert threads["total"] == 1
    assert thread["messages"]["messages"][0]["messageMetadata"]["caseId"] == "OR.1.2026"
    assert folders["SENT"] >= 1


def test_the_recipients_page_collects_a_letter(simulators):
    with schema_context("zembrzyce"):
        sender = sender_for(_edo("zembrzyce"))
        dispatch = sender.send(_letter(subject="Pismo do odbioru na stronie"))
    session = requests.Session()
    page = session.get(f"{simulators.base}/symulator-edoreczenia/adresaci/", timeout=30)
    assert page.status_code == 200
    assert "Pismo do odbioru na stronie" in page.text
    received = store.message(store.message(dispatch.message_id)["counterpart"])
    token = session.cookies.get("csrftoken")
    answer = session.post(
        f"{simulators.base}/symulator-edoreczenia/adresaci/rozstrzygnij",
        data={"message": received["messageId"], "action": "collect", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{simulators.base}/symulator-edoreczenia/adresaci/"},
        timeout=30,
    )
    assert answer.status_code == 200
    assert store.message(dispatch.message_id)["status"] == "Doręczona"


# ---------------------------------------------------------------- isolation and refusals


def _token_request(config, assertion: str, hint: str) -> requests.Response:
    return requests.post(
        config.token_endpoint,
        params={"login_hint": hint},
        data=token_request_form(assertion),
        timeout=30,
    )


def _assertion(config, **changes) -> str:
    return client_assertion(
        client_id=changes.get("client_id", config.client_id),
        token_endpoint=changes.get("audience", config.token_endpoint),
        private_key_pem=changes.get("key", config.system_private_key),
        now=changes.get("now"),
        jti=changes.get("jti"),
    )


def test_one_towns_system_never_reaches_another_towns_mailbox(simulators):
    send("zembrzyce", channel=ChannelKind.EDORECZENIA)
    zembrzyce, glogow = _edo("zembrzyce"), _edo("glogow")
    # Głogów's own token, used on Zembrzyce's address: 403.
    intruder = types.SimpleNamespace(
        client_id=glogow.client_id,
        token_endpoint=glogow.token_endpoint,
        endpoint=glogow.endpoint,
        system_private_key=glogow.system_private_key,
        delivery_address=zembrzyce.delivery_address,
    )
    answer = _token_request(glogow, _assertion(glogow), f"ADE.{glogow.delivery_address}")
    token = answer.json()["access_token"]
    listing = requests.get(
        f"{zembrzyce.endpoint}/{zembrzyce.delivery_address}/messages",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert listing.status_code == 403
    assert listing.json()[0]["error"] == "FORBIDDEN"
    # Asking for a token for Zembrzyce's mailbox: refused.
    with pytest.raises(ChannelError, match="invalid_grant"):
        EDoreczeniaAdapter(intruder).pending()
    # Signing as Zembrzyce's system with Głogów's key: refused.
    forged = _assertion(zembrzyce, key=glogow.system_private_key)
    refused = _token_request(zembrzyce, forged, f"ADE.{zembrzyce.delivery_address}")
    assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")
    assert len(_inbox(zembrzyce.delivery_address)) == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"now": int(time.time()) - 3600}, "wygasła"),
        ({"audience": PRODUCTION_TOKEN_ENDPOINT}, "aud"),
        ({"client_id": "AE:PL-00000-00000-NOONE-00.SYSTEM.X"}, "Nieznany system"),
    ],
)  # fmt: skip
def test_bad_assertions_are_refused(simulators, changes, reason):
    config = _edo("zembrzyce")
    answer = _token_request(config, _assertion(config, **changes), f"ADE.{config.delivery_address}")
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert reason in answer.json()["error_description"]


def test_a_tampered_or_replayed_assertion_is_refused(simulators):
    config = _edo("zembrzyce")
    hint = f"ADE.{config.delivery_address}"
    header, claims, signature = _assertion(config).split(".")
    payload = jwt.unverified(f"{header}.{claims}.{signature}")[1] | {"exp": int(time.time()) + 500}
    tampered = f"{header}.{jwt.b64url(json.dumps(payload).encode())}.{signature}"
    assert _token_request(config, tampered, hint).json()["error"] == "invalid_client"
    once = _assertion(config, jti="the-same-jti-" + uuid.uuid4().hex)
    assert _token_request(config, once, hint).status_code == 200
    replayed = _token_request(config, once, hint)
    assert replayed.status_code == 401
    assert "jti" in replayed.json()["error_description"]


def test_a_forged_access_token_is_refused(simulators):
    config = _edo("zembrzyce")
    forged = jwt.encode(
        {"mailbox": {"address": config.delivery_address}, "exp": int(time.time()) + 60},
        config.system_private_key,
    )
    answer = requests.get(
        f"{config.endpoint}/{config.delivery_address}/messages",
        headers={"Authorization": f"Bearer {forged}"},
        timeout=30,
    )
    assert answer.status_code == 401
    assert answer.json() == [
        {"error": "unauthorized", "error_description": "Token dostępu jest nieważny."}
    ]


def test_malformed_json_gets_a_polish_error_and_changes_nothing(simulators):
    config = _edo("zembrzyce")
    with schema_context("zembrzyce"):
        api = UserAgentApi(config)
        token = api.tokens.current()
    before = len(store.messages_of(config.delivery_address))
    answer = requests.post(
        f"{config.endpoint}/{config.delivery_address}/drafts",
        data=b"{to nie jest json",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 400
    assert answer.json() == [
        {"error": "INVALID_REQUEST", "error_description": "Treść żądania nie jest poprawnym JSON."}
    ]
    assert len(store.messages_of(config.delivery_address)) == before
