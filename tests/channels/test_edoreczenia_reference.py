"""e-Doręczenia against its public reference, not against our simulator.

* The client assertion checked by hand (RFC 7523, RS256 verified with ``cryptography``),
  the token request's form fields and ``login_hint``, as the public integrations of the
  operator's authorisation server send them.
* Literal ``Message`` / ``MessagesWrapper`` / ``EvidenceWrapper`` bodies written from the
  UA API contract 3.0.8 (``uaapi_3.0.8.1.yaml``) and read by our code; the ``Message``
  body we send; the evidence codes of the technical design (COI "Projekt Techniczny UA
  API" 5.27, Załącznik A) mapped to delivery states.
* The adapter and the sender driven against a bare stand-in that answers with those
  documented bodies and records what it is sent.

See docs/integrations/e-doreczenia.md for the references."""

from __future__ import annotations

import base64
import json
import types
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.core.cache import cache

from eurzad.channels.contrib.edoreczenia.adapter import EDoreczeniaAdapter
from eurzad.channels.contrib.edoreczenia.assertion import (
    client_assertion,
    login_hint,
    token_request_form,
)
from eurzad.channels.contrib.edoreczenia.messages import (
    MessageFormatError,
    attachment_upload,
    delivery_state,
    outgoing_message,
    read_evidences,
    read_message,
    read_message_ids,
)
from eurzad.channels.contrib.edoreczenia.sender import EDoreczeniaSender
from eurzad.channels.documents import Attachment
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import DeliveryState, OutgoingLetter
from eurzad.core.jwt import unb64url
from tests.standin import QuietHandler, serving

TOWN = "AE:PL-66081-65851-BHGEH-20"
RESIDENT = "AE:PL-12345-67890-ABCDE-12"
CLIENT_ID = f"{TOWN}.SYSTEM.EZD"
TOKEN_PATH = "/auth/realms/EDOR/protocol/openid-connect/token"

# ---------------------------------------------------------------- literal samples


# GET /{eDeliveryAddress}/messages?label=INBOX&format=metadata (MessagesWrapper)
def _listed(message_id: str, message_type: str, timestamp: str) -> dict[str, Any]:
    return {
        "messageControlData": {
            "opened": False,
            "status": "Doręczona",
            "messageType": message_type,
            "labels": [{"label": "INBOX"}],
        },
        "messageMetadata": {
            "messageId": message_id,
            "subject": "Wniosek",
            "timestamp": timestamp,
            "shippingService": "electronic",
        },
    }


INBOX = {
    "messages": [
        _listed("ev-1", "Evidence", "2026-03-01T08:00:00Z"),
        _listed("msg-1", "Message", "2026-03-01T09:00:00Z"),
    ],
    "total": 2,
    "resultSize": 2,
}

SIGNED_FORM = b"<?xml version='1.0'?><wnio:Dokument xmlns:wnio='x'/>"

# GET /{eDeliveryAddress}/messages/msg-1?format=fullExtended (array of Message)
FULL_MESSAGE = [
    {
        "messageControlData": {"opened": True, "status": "Doręczona", "messageType": "Message",
                               "labels": [{"label": "INBOX"}]},
        "messageMetadata": {
            "from": {"eDeliveryAddress": RESIDENT,
                     "contributor": {"firstName": "Jan", "lastName": "Kowalski"}},
            "to": [{"eDeliveryAddress": TOWN}],
            "subject": "Wniosek o rejestrację konta",
            "messageId": "msg-1",
            "threadId": "th-1",
            "caseId": "OR.123.2026",
            "timestamp": "2026-03-01T09:00:00Z",
            "submissionDate": "2026-03-01T08:59:58Z",
            "eventDate": "2026-03-01T08:59:58Z",
            "shippingService": "electronic",
        },
        "textBody": "W załączeniu wniosek.",
        "attachments": [
            {"order": 1, "attachmentId": "att-1",
             "file": {"fileMetadata": {"fileId": "att-1", "filename": "skan.pdf",
                                       "contentType": "application/pdf", "size": 4},
                      "file": base64.b64encode(b"%PDF").decode()}},
            {"order": 2, "attachmentId": "att-2",
             "file": {"fileMetadata": {"fileId": "att-2", "filename": "wniosek.xml",
                                       "contentType": "text/xml", "size": len(SIGNED_FORM)},
                      "file": base64.b64encode(SIGNED_FORM).decode()}},
        ],
        "evidences": [
            {"evidenceId": "e-1", "messageId": "msg-1", "type": "E.1",
             "createDate": "2026-03-01T09:00:01Z", "eventDate": "2026-03-01T09:00:00Z"},
        ],
    }
]  # fmt: skip

# GET /{eDeliveryAddress}/messages/{messageId}/evidences (EvidenceWrapper)
EVIDENCES = {
    "evidences": [
        {"evidenceId": "ev-a1", "messageId": "sent-1", "type": "A.1",
         "createDate": "2026-03-02T10:00:01Z", "eventDate": "2026-03-02T10:00:00Z"},
        {"evidenceId": "ev-bpwx", "messageId": "sent-1", "type": "BP.WX",
         "createDate": "2026-03-02T10:00:02Z", "eventDate": "2026-03-02T10:00:00Z"},
        {"evidenceId": "ev-bpwp", "messageId": "sent-1", "type": "BP.WP",
         "createDate": "2026-03-02T10:00:02Z", "eventDate": "2026-03-02T10:00:00Z"},
        {"evidenceId": "ev-bpox", "messageId": "sent-1", "type": "BPOX",
         "createDate": "2026-03-16T10:00:02Z", "eventDate": "2026-03-16T10:00:00Z",
         "reasonDetails": ["fikcja doręczenia"]},
    ]
}  # fmt: skip


# ---------------------------------------------------------------- client assertion


@pytest.fixture(scope="module")
def credentials() -> tuple[str, str]:
    return new_system_credentials("urzad-testowy edoreczenia")


def test_client_assertion_is_rs256_with_the_documented_claims(credentials):
    key_pem, certificate_pem = credentials
    endpoint = "https://ow.edoreczenia.gov.pl" + TOKEN_PATH
    token = client_assertion(
        client_id=CLIENT_ID, token_endpoint=endpoint, private_key_pem=key_pem,
        now=1_772_000_000, jti="b5f4ed9d-d8b1-44f4-990d-f8044a66ad5d",
    )  # fmt: skip
    header_b64, claims_b64, signature_b64 = token.split(".")
    assert json.loads(unb64url(header_b64)) == {"alg": "RS256", "typ": "JWT"}
    assert json.loads(unb64url(claims_b64)) == {
        "iss": CLIENT_ID,
        "sub": CLIENT_ID,
        "aud": endpoint,
        "jti": "b5f4ed9d-d8b1-44f4-990d-f8044a66ad5d",
        "iat": 1_772_000_000,
        "nbf": 1_772_000_000,
        "exp": 1_772_000_060,
    }
    public_key = x509.load_pem_x509_certificate(certificate_pem.encode()).public_key()
    public_key.verify(  # RSASSA-PKCS1-v1_5 with SHA-256 over "header.claims" (RFC 7518 3.3)
        unb64url(signature_b64),
        f"{header_b64}.{claims_b64}".encode("ascii"),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def test_every_assertion_has_its_own_jti(credentials):
    key_pem, _certificate = credentials
    tokens = [
        client_assertion(
            client_id=CLIENT_ID, token_endpoint="https://x/token", private_key_pem=key_pem
        )
        for _ in range(2)
    ]
    jtis = {json.loads(unb64url(t.split(".")[1]))["jti"] for t in tokens}
    assert len(jtis) == 2


def test_token_request_form_and_login_hint():
    assert token_request_form("JWS") == {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": "JWS",
    }
    assert login_hint(TOWN) == "ADE.AE:PL-66081-65851-BHGEH-20"


# ---------------------------------------------------------------- documented bodies


def test_inbox_listing_keeps_messages_and_skips_standalone_evidence():
    assert read_message_ids(INBOX) == ["msg-1"]


def test_full_extended_message_is_read():
    message = read_message(FULL_MESSAGE)
    assert (message.message_id, message.subject, message.thread_id, message.case_id) == (
        "msg-1", "Wniosek o rejestrację konta", "th-1", "OR.123.2026",
    )  # fmt: skip
    assert (message.sender_address, message.sender_name, message.recipient_address) == (
        RESIDENT, "Jan Kowalski", TOWN,
    )  # fmt: skip
    assert message.submitted_at.isoformat() == "2026-03-01T08:59:58+00:00"
    assert [a.filename for a in message.attachments] == ["skan.pdf", "wniosek.xml"]
    assert message.attachments[1].content == SIGNED_FORM
    (evidence,) = message.evidences
    assert (evidence.evidence_id, evidence.kind) == ("e-1", "E.1")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"messages": "x"}, "messages"),
        ([{"messageMetadata": {"subject": "bez id"}}], "messageId"),
        ([{"messageMetadata": {"messageId": "m", "submissionDate": "wczoraj"}}], "data"),
        (
            [{"messageMetadata": {"messageId": "m"},
              "attachments": [{"file": {"fileMetadata": {"filename": "a.pdf"}, "file": "%%%"}}]}],
            "base64",
        ),
    ],
)  # fmt: skip
def test_malformed_bodies_are_refused_in_polish(body, fragment):
    reader = read_message_ids if isinstance(body, dict) else read_message
    with pytest.raises(MessageFormatError, match=fragment):
        reader(body)


def test_evidence_codes_map_to_delivery_states():
    expected = {
        DeliveryState.SENT: ["A.1", "A1", "B.1", "D.1", "D.3", "BP.WX", "BPWX", "BP.WP", "H.PN"],
        DeliveryState.DELIVERED: ["E.1", "E1", "BP.OX", "BPOX", "BP.OP", "H.EPO"],
        DeliveryState.NOT_DELIVERED: ["A.2", "B.2", "B.3", "D.2", "E.2", "H.DW"],
    }
    for state, codes in expected.items():
        assert {code: delivery_state(code) for code in codes} == dict.fromkeys(codes, state)
    assert delivery_state("X.9") is None


def test_evidence_wrapper_is_read():
    evidences = read_evidences(EVIDENCES)
    assert [e.kind for e in evidences] == ["A.1", "BP.WX", "BP.WP", "BPOX"]
    assert evidences[-1].reason == "fikcja doręczenia"
    assert evidences[-1].issued_at.isoformat() == "2026-03-16T10:00:00+00:00"


LETTER = OutgoingLetter(
    reference="pismo-7",
    recipient_address=RESIDENT,
    recipient_name="Jan Kowalski",
    subject="Decyzja w sprawie podatku",
    body="W załączeniu decyzja.",
    attachments=(Attachment("decyzja.pdf", "application/pdf", b"%PDF-1.7"),),
    case_sign="FN.3120.7.2026",
)


def test_the_message_we_send_has_the_documented_shape():
    assert outgoing_message(LETTER, sender_address=TOWN) == {
        "messageMetadata": {
            "from": {"eDeliveryAddress": TOWN},
            "to": [{"eDeliveryAddress": RESIDENT}],
            "subject": "Decyzja w sprawie podatku",
            "caseId": "FN.3120.7.2026",
            "shippingService": "electronic",
        },
        "textBody": "W załączeniu decyzja.",
    }
    assert attachment_upload(LETTER.attachments[0]) == {
        "fileMetadata": {"filename": "decyzja.pdf", "contentType": "application/pdf", "size": 8},
        "file": base64.b64encode(b"%PDF-1.7").decode(),
    }


def test_a_text_body_over_5000_characters_is_refused():
    long_letter = types.SimpleNamespace(**{**LETTER.__dict__, "body": "x" * 5001})
    with pytest.raises(MessageFormatError, match="5000"):
        outgoing_message(long_letter, sender_address=TOWN)


# ---------------------------------------------------------------- against a bare stand-in


class StandIn(QuietHandler):
    """Answers (method, path) with a documented body and records every request."""

    answers: dict[tuple[str, str], tuple[int, Any]]
    seen: list[dict[str, Any]]

    def _handle(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append(
            {"method": self.command, "path": url.path, "query": parse_qs(url.query),
             "headers": dict(self.headers), "body": body}
        )  # fmt: skip
        status, payload = self.answers.get(
            (self.command, url.path), (404, [{"error": "NOT_FOUND"}])
        )
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header(
            "Content-Type",
            "application/octet-stream" if isinstance(payload, bytes) else "application/json",
        )
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = do_PATCH = _handle


@pytest.fixture
def stand_in(credentials) -> Iterator[tuple[types.SimpleNamespace, type[StandIn]]]:
    handler = type("Handler", (StandIn,), {"answers": {}, "seen": []})
    with serving(handler) as base:
        handler.answers[("POST", TOKEN_PATH)] = (
            200, {"access_token": "AT-1", "expires_in": 300, "token_type": "Bearer"},
        )  # fmt: skip
        config = types.SimpleNamespace(
            client_id=CLIENT_ID,
            token_endpoint=base + TOKEN_PATH,
            endpoint=base + "/api/v3",
            delivery_address=TOWN,
            system_private_key=credentials[0],
        )
        cache.clear()
        try:
            yield config, handler
        finally:
            cache.clear()


def _api(path: str) -> str:
    return f"/api/v3/{TOWN}{path}"


def test_token_is_requested_once_with_the_assertion_and_reused(stand_in, credentials):
    config, handler = stand_in
    handler.answers[("GET", _api("/messages"))] = (200, INBOX)
    adapter = EDoreczeniaAdapter(config)
    assert adapter.pending() == 1
    assert adapter.pending() == 1
    token_requests = [r for r in handler.seen if r["path"] == TOKEN_PATH]
    assert len(token_requests) == 1
    (request,) = token_requests
    assert request["query"] == {"login_hint": [f"ADE.{TOWN}"]}
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    form = {k: v[0] for k, v in parse_qs(request["body"].decode()).items()}
    assert set(form) == {"grant_type", "client_assertion_type", "client_assertion"}
    claims = json.loads(unb64url(form["client_assertion"].split(".")[1]))
    assert (claims["iss"], claims["sub"], claims["aud"]) == (
        CLIENT_ID,
        CLIENT_ID,
        config.token_endpoint,
    )
    listings = [r for r in handler.seen if r["path"] == _api("/messages")]
    assert all(r["headers"]["Authorization"] == "Bearer AT-1" for r in listings)
    assert listings[0]["query"]["label"] == ["INBOX"]


def test_a_refused_token_request_reads_the_oauth_error(stand_in):
    config, handler = stand_in
    handler.answers[("POST", TOKEN_PATH)] = (
        401, {"error": "invalid_client", "error_description": "Invalid client credentials"},
    )  # fmt: skip
    with pytest.raises(ChannelError, match="invalid_client – Invalid client credentials"):
        EDoreczeniaAdapter(config).pending()


def test_intake_reads_the_message_its_evidence_and_moves_it_to_trash(stand_in):
    config, handler = stand_in
    handler.answers[("GET", _api("/messages"))] = (200, INBOX)
    handler.answers[("GET", _api("/messages/msg-1"))] = (200, FULL_MESSAGE)
    handler.answers[("GET", _api("/evidences/purde/e-1"))] = (200, b"<Dowod/>")
    handler.answers[("PATCH", _api("/messages/msg-1/message_control_data"))] = (200, [])
    adapter = EDoreczeniaAdapter(config)
    document = adapter.fetch_next()
    assert (document.message_id, document.sender_address, document.recipient_address) == (
        "msg-1", RESIDENT, TOWN,
    )  # fmt: skip
    assert document.raw == SIGNED_FORM  # the XML attachment is the document
    assert [a.filename for a in document.attachments] == ["skan.pdf"]
    assert (document.upo_id, document.upo_xml) == ("e-1", b"<Dowod/>")
    assert document.defect  # not a valid signed form: intake rejects it and keeps it
    adapter.acknowledge(document)
    fetch = next(r for r in handler.seen if r["path"] == _api("/messages/msg-1"))
    assert fetch["query"] == {"format": ["fullExtended"]}
    patch = next(r for r in handler.seen if r["method"] == "PATCH")
    assert json.loads(patch["body"]) == [
        {"op": "replace", "path": "/labels", "value": {"messageLocation": "TRASH"}}
    ]


def test_unreadable_message_json_becomes_a_rejected_document_that_keeps_the_answer(stand_in):
    config, handler = stand_in
    handler.answers[("GET", _api("/messages"))] = (200, INBOX)
    handler.answers[("GET", _api("/messages/msg-1"))] = (200, b"{not json")
    document = EDoreczeniaAdapter(config).fetch_next()
    assert document.message_id == "msg-1"
    assert document.raw == b"{not json"
    assert document.defect.startswith("Wiadomości e-Doręczeń nie udało się odczytać")


def test_an_error_info_list_is_reported(stand_in):
    config, handler = stand_in
    handler.answers[("GET", _api("/messages"))] = (
        400, [{"error": "INVALID_LABEL", "error_description": "Nieznany folder"}],
    )  # fmt: skip
    with pytest.raises(ChannelError, match=r"HTTP 400.*INVALID_LABEL – Nieznany folder"):
        EDoreczeniaAdapter(config).pending()


def test_sending_uses_a_draft_its_attachments_and_the_sending_task(stand_in):
    config, handler = stand_in
    handler.answers[("POST", _api("/drafts"))] = (200, {"messageId": "draft-1"})
    handler.answers[("POST", _api("/drafts/draft-1/attachments"))] = (
        200, {"attachmentId": "att-9", "fileMetadata": {"fileId": "att-9"}},
    )  # fmt: skip
    handler.answers[("POST", _api("/drafts/send"))] = (202, {"messageTaskId": "task-1"})
    handler.answers[("GET", _api("/messages/tasks/task-1/status"))] = (
        200, {"messageTaskStatus": "FINISHED"},
    )  # fmt: skip
    handler.answers[("GET", _api("/messages/tasks/task-1"))] = (
        200, [{"messageId": "sent-1", "addressee": {"eDeliveryAddress": RESIDENT}}],
    )  # fmt: skip
    dispatch = EDoreczeniaSender(config).send(LETTER)
    assert dispatch.message_id == "sent-1"
    bodies = {r["path"]: r["body"] for r in handler.seen if r["method"] == "POST"}
    assert json.loads(bodies[_api("/drafts")]) == outgoing_message(LETTER, sender_address=TOWN)
    assert json.loads(bodies[_api("/drafts/draft-1/attachments")]) == attachment_upload(
        LETTER.attachments[0]
    )
    assert json.loads(bodies[_api("/drafts/send")]) == {"messageId": "draft-1"}


def test_a_refused_addressee_in_the_task_result_is_an_error(stand_in):
    config, handler = stand_in
    handler.answers[("POST", _api("/drafts"))] = (200, {"messageId": "draft-1"})
    handler.answers[("POST", _api("/drafts/draft-1/attachments"))] = (200, {"attachmentId": "a"})
    handler.answers[("POST", _api("/drafts/send"))] = (202, {"messageTaskId": "task-2"})
    handler.answers[("GET", _api("/messages/tasks/task-2/status"))] = (
        200, {"messageTaskStatus": "FINISHED"},
    )  # fmt: skip
    handler.answers[("GET", _api("/messages/tasks/task-2"))] = (
        200, [{"addressee": {"eDeliveryAddress": RESIDENT}, "error": "ADE_NOT_FOUND",
               "error_description": "Adres nie istnieje"}],
    )  # fmt: skip
    with pytest.raises(ChannelError, match="ADE_NOT_FOUND – Adres nie istnieje"):
        EDoreczeniaSender(config).send(LETTER)


def test_evidence_is_read_as_issued_without_the_pdf_twins(stand_in):
    config, handler = stand_in
    handler.answers[("GET", _api("/messages/sent-1/evidences"))] = (200, EVIDENCES)
    for evidence_id in ("ev-a1", "ev-bpwx", "ev-bpox"):
        handler.answers[("GET", _api(f"/evidences/purde/{evidence_id}"))] = (
            200, f"<Dowod id='{evidence_id}'/>".encode(),
        )  # fmt: skip
    dispatch = types.SimpleNamespace(message_id="sent-1", sent_at=None)
    evidence = EDoreczeniaSender(config).evidence(dispatch)
    assert [(e.kind, e.state) for e in evidence] == [
        ("A.1", DeliveryState.SENT),
        ("BP.WX", DeliveryState.SENT),
        ("BPOX", DeliveryState.DELIVERED),
    ]
    assert evidence[-1].content == b"<Dowod id='ev-bpox'/>"
    assert evidence[-1].content_type == "application/xml"
