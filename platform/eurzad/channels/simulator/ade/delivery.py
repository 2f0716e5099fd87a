"""What the simulated operator does with a message once sent: it accepts it into the
sender's SENT folder with the evidences of sending (A.1, BP.WX), prepares it for the
recipient (D.1) and either delivers it at once (a town's system, a public entity: E.1,
BP.OX) or waits until the recipient collects it (:func:`collect`), is deemed to have
received it after 14 days (:func:`deem_delivered`, *fikcja doręczenia*: BP.OX without
E.1) or cannot receive it (:func:`fail_delivery`, E.2).

Evidences are signed XML documents in a shape of the simulator's own: the real evidence
XML (ETSI EN 319 522-based, per the Polish standard) was not publicly available."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from lxml import etree

from eurzad.channels.documents import Attachment
from eurzad.channels.simulator.ade import store
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.core.xmlsecurity import xmldsig

__all__ = [
    "EVIDENCE_NS",
    "collect",
    "deem_delivered",
    "fail_delivery",
    "submit",
]

EVIDENCE_NS = "urn:eurzad:symulator:e-doreczenia:dowod"
FICTION_DAYS = 14
STATUS_WAITING = "Czeka na doręczenie"
STATUS_DELIVERED = "Doręczona"
STATUS_DEEMED = "Uznana za doręczoną"
STATUS_NOT_DELIVERED = "Niedoręczona"


def _evidence_xml(kind: str, evidence_id: str, record: dict[str, Any], event: str, reason: str):
    root = etree.Element(f"{{{EVIDENCE_NS}}}Dowod", nsmap={"dw": EVIDENCE_NS}, ID=evidence_id)
    for tag, text in (
        ("Typ", kind),
        ("IdentyfikatorDowodu", evidence_id),
        ("IdentyfikatorWiadomosci", record["messageId"]),
        ("IdentyfikatorWatku", record["threadId"]),
        ("Nadawca", record["from"].get("eDeliveryAddress", "")),
        ("Adresat", record["to"][0].get("eDeliveryAddress", "") if record["to"] else ""),
        ("CzasZdarzenia", event),
        ("CzasNadania", record["submissionDate"]),
        ("Powod", reason),
        ("Wystawca", "e-Doręczenia (symulator eurzad)"),
    ):
        if text:
            etree.SubElement(root, f"{{{EVIDENCE_NS}}}{tag}").text = text
    key, certificate = provider_key_and_certificate()
    xmldsig.sign(root, key, certificate)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _issue(record: dict[str, Any], kind: str, event: str = "", reason: str = "") -> None:
    """Issue evidence ``kind`` for ``record`` (kept with the copy it belongs to)."""
    event = event or store.now()
    evidence_id = str(uuid.uuid4())
    xml = _evidence_xml(kind, evidence_id, record, event, reason)
    store.add_evidence(
        record,
        {
            "evidenceId": evidence_id,
            "messageId": record["messageId"],
            "type": kind,
            "createDate": store.now(),
            "eventDate": event,
            "reasonDetails": [reason] if reason else [],
            "downloaded": False,
            "from": record["from"],
            "to": record["to"][0] if record["to"] else {},
            "xml": xml.decode("utf-8"),
        },
    )


def submit(
    *,
    sender: dict[str, Any],
    recipient_address: str,
    subject: str,
    text_body: str = "",
    attachments: tuple[Attachment, ...] = (),
    case_id: str = "",
    thread_id: str = "",
    deliver_at_once: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Accept a message from ``sender`` (its ``MessageAddressData``) to
    ``recipient_address``; returns ``(sent copy, received copy)``."""
    recipient = {"eDeliveryAddress": recipient_address}
    sent = store.new_message(
        owner=sender["eDeliveryAddress"],
        label="SENT",
        sender=sender,
        recipients=[recipient],
        subject=subject,
        text_body=text_body,
        attachments=attachments,
        thread_id=thread_id,
        case_id=case_id,
    )
    received = store.new_message(
        owner=recipient_address,
        label="INBOX",
        sender=sender,
        recipients=[recipient],
        subject=subject,
        text_body=text_body,
        attachments=attachments,
        thread_id=sent["threadId"],
        case_id=case_id,
    )
    submitted = store.now()
    for copy, other in ((sent, received), (received, sent)):
        copy.update(submissionDate=submitted, eventDate=submitted, counterpart=other["messageId"])
    sent["status"] = received["status"] = STATUS_WAITING
    for kind in ("A.1", "BP.WX", "D.1"):
        _issue(sent, kind, submitted)
    store.save(sent)
    store.save(received)
    if deliver_at_once:
        collect(sent["messageId"])
    return store.message(sent["messageId"]) or sent, store.message(
        received["messageId"]
    ) or received


def _pair(message_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(sent copy, received copy) from either copy's id."""
    first = store.message(message_id)
    if first is None:
        raise LookupError(message_id)
    second = store.message(first["counterpart"])
    if second is None:
        raise LookupError(first["counterpart"])
    return (first, second) if first["label"] == "SENT" else (second, first)


def _waiting(sent: dict[str, Any]) -> bool:
    return sent["status"] == STATUS_WAITING


def collect(message_id: str) -> bool:
    """The recipient collects the message: E.1 and BP.OX for the sender, E.1 on the
    recipient's copy. False when it was already settled."""
    sent, received = _pair(message_id)
    if not _waiting(sent):
        return False
    event = store.now()
    for kind in ("E.1", "BP.OX"):
        _issue(sent, kind, event)
    _issue(received, "E.1", event)
    for copy in (sent, received):
        copy.update(status=STATUS_DELIVERED, receiptDate=event)
        store.save(copy)
    return True


def deem_delivered(message_id: str) -> bool:
    """Fikcja doręczenia: 14 days after D.1 nobody collected it; BP.OX without E.1,
    the receipt date being D.1 plus 14 days (holidays are not counted here)."""
    sent, received = _pair(message_id)
    if not _waiting(sent):
        return False
    prepared = dt.datetime.fromisoformat(sent["submissionDate"].replace("Z", "+00:00"))
    deemed = (prepared + dt.timedelta(days=FICTION_DAYS)).isoformat().replace("+00:00", "Z")
    _issue(sent, "BP.OX", deemed, "fikcja doręczenia")
    for copy in (sent, received):
        copy.update(status=STATUS_DEEMED, receiptDate=deemed)
        store.save(copy)
    return True


def fail_delivery(message_id: str, reason: str = "Adresat nie może odebrać przesyłki") -> bool:
    """E.2: the message could not be handed over."""
    sent, received = _pair(message_id)
    if not _waiting(sent):
        return False
    _issue(sent, "E.2", store.now(), reason)
    for copy in (sent, received):
        copy.update(status=STATUS_NOT_DELIVERED, statusDescription=reason)
        store.save(copy)
    return True
