"""Residents' simulated ePUAP inboxes: the letters offices sent through WS-Doręczyciel,
in Redis beside the simulated mailboxes. :func:`collect` plays the resident collecting a
letter: ePUAP then issues the UPD (signed with its key) and puts it into the office's
reply mailbox, where the office's WS-Pull intake takes it in."""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass

from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.upo import Delivery, issue_upd
from eurzad.core.redis_values import decoded

__all__ = ["Letter", "collect", "deliver", "get", "inbox"]

PREFIX = f"{mailboxes.PREFIX}:epuap-inbox"


@dataclass(frozen=True)
class Letter:
    document_id: str  # ePUAP's
    order_id: str
    podmiot: str
    office: str
    recipient: str
    reply_to: str
    sender_document_id: str  # the office's identyfikatorDokumentu, put into the UPD
    case_id: str
    filename: str
    content_type: str
    content_b64: str
    sent_at: str
    deadline: str
    collected_at: str = ""
    upd_id: str = ""

    @property
    def content(self) -> bytes:
        return base64.b64decode(self.content_b64)


def _key(document_id: str) -> str:
    return f"{PREFIX}:letter:{document_id}"


def _box(recipient: str) -> str:
    return f"{PREFIX}:box:{recipient}"


def _save(letter: Letter) -> None:
    mailboxes.store().set(
        _key(letter.document_id), json.dumps(asdict(letter)), ex=mailboxes.TTL_SECONDS
    )


def deliver(**fields: str) -> Letter:
    """Keep a letter in its recipient's inbox; returns it with ePUAP's new ids."""
    letter = Letter(
        document_id=str(secrets.randbelow(10**9) + 10**9),
        order_id=str(secrets.randbelow(10**9) + 10**9),
        sent_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        **fields,
    )
    _save(letter)
    redis = mailboxes.store()
    redis.rpush(_box(letter.recipient), letter.document_id)
    redis.expire(_box(letter.recipient), mailboxes.TTL_SECONDS)
    return letter


def get(document_id: str) -> Letter | None:
    raw = mailboxes.store().get(_key(document_id))
    return Letter(**json.loads(raw)) if raw else None


def inbox(recipient: str) -> list[Letter]:
    """The letters in ``recipient``'s inbox, oldest first."""
    ids = [decoded(i) for i in mailboxes.store().lrange(_box(recipient), 0, -1)]
    return [letter for letter in (get(i) for i in ids) if letter is not None]


def collect(document_id: str, *, recipient_name: str = "") -> Letter:
    """The resident collects the letter: ePUAP issues the UPD and sends it to the office's
    reply mailbox. Collecting again changes nothing."""
    letter = get(document_id)
    if letter is None:
        raise LookupError("Nie ma takiego pisma w symulatorze ePUAP.")
    if letter.collected_at:
        return letter
    collected_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    key, certificate = provider_key_and_certificate()
    upd_id, upd = issue_upd(
        Delivery(
            issuer_name=letter.office,
            issuer_address=letter.reply_to,
            recipient_name=recipient_name or letter.recipient,
            recipient_address=letter.recipient,
            document_id=letter.sender_document_id,
            collected_at=collected_at,
            case_id=letter.case_id,
        ),
        key,
        certificate,
    )
    mailboxes.put(
        channel="epuap",
        mailbox=letter.reply_to,
        document=upd,
        sender_address=letter.recipient,
        sender_name="ePUAP",
        recipient_name=letter.office,
        subject="UPD",
        filename="UPD.xml",
    )
    collected = Letter(
        **(asdict(letter) | {"collected_at": collected_at.isoformat(), "upd_id": upd_id})
    )
    _save(collected)
    return collected
