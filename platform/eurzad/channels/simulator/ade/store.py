"""The simulated operator's mailboxes, in Redis under their own prefix (never in a town's
schema): messages with their folder, status and attachments; the evidences issued for
them; sending tasks; and the registry of known addresses.

Every delivery keeps two copies, as two mailboxes would: the sender's in SENT, the
recipient's in INBOX, each with its own ``messageId`` and a shared ``threadId``."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from typing import Any

from eurzad.channels.documents import Attachment
from eurzad.channels.simulator.mailboxes import store as _redis
from eurzad.core.redis_values import decoded

__all__ = [
    "PREDEFINED_FOLDERS",
    "add_evidence",
    "addresses",
    "evidence",
    "evidences_of",
    "folder_of",
    "message",
    "messages_of",
    "new_message",
    "now",
    "save",
    "save_task",
    "task",
    "use_once",
]

PREFIX = "eurzad:ade-sim"
TTL_SECONDS = 30 * 24 * 3600
PREDEFINED_FOLDERS = ("INBOX", "OUTBOX", "SENT", "DRAFTS", "TRASH")


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _get(key: str) -> dict[str, Any] | None:
    raw = _redis().get(key)
    return json.loads(raw) if raw else None


def _put(key: str, value: dict[str, Any]) -> None:
    _redis().set(key, json.dumps(value), ex=TTL_SECONDS)


def use_once(value: str, seconds: int) -> bool:
    """True the first time ``value`` is seen (replay protection for assertions)."""
    return bool(_redis().set(f"{PREFIX}:once:{value}", 1, nx=True, ex=max(seconds, 1)))


# -- messages -----------------------------------------------------------------------


def new_message(
    *,
    owner: str,
    label: str,
    sender: dict[str, Any],
    recipients: list[dict[str, Any]],
    subject: str,
    text_body: str = "",
    attachments: tuple[Attachment, ...] = (),
    thread_id: str = "",
    case_id: str = "",
) -> dict[str, Any]:
    """A message record in ``owner``'s mailbox (not yet saved)."""
    return {
        "messageId": str(uuid.uuid4()),
        "owner": owner,
        "label": label,
        "location": "",
        "messageType": "Message",
        "opened": label != "INBOX",
        "status": "",
        "statusDescription": "",
        "from": sender,
        "to": recipients,
        "subject": subject,
        "textBody": text_body,
        "attachments": [
            {
                "attachmentId": str(uuid.uuid4()),
                "order": position,
                "filename": attachment.filename,
                "contentType": attachment.content_type,
                "content": base64.b64encode(attachment.content).decode(),
            }
            for position, attachment in enumerate(attachments, start=1)
        ],
        "threadId": thread_id or str(uuid.uuid4()),
        "caseId": case_id,
        "timestamp": now(),
        "submissionDate": "",
        "eventDate": "",
        "receiptDate": "",
        "counterpart": "",
    }


def save(record: dict[str, Any]) -> dict[str, Any]:
    key = f"{PREFIX}:message:{record['messageId']}"
    is_new = not _redis().exists(key)
    _put(key, record)
    if is_new:
        pipe = _redis().pipeline()
        pipe.rpush(f"{PREFIX}:box:{record['owner']}", record["messageId"])
        pipe.expire(f"{PREFIX}:box:{record['owner']}", TTL_SECONDS)
        pipe.sadd(f"{PREFIX}:addresses", record["owner"])
        pipe.execute()
    return record


def message(message_id: str) -> dict[str, Any] | None:
    return _get(f"{PREFIX}:message:{message_id}")


def messages_of(address: str) -> list[dict[str, Any]]:
    ids = [decoded(i) for i in _redis().lrange(f"{PREFIX}:box:{address}", 0, -1)]
    return [m for m in (message(i) for i in ids) if m is not None]


def addresses() -> list[str]:
    return sorted(decoded(a) for a in _redis().smembers(f"{PREFIX}:addresses"))


def folder_of(record: dict[str, Any]) -> str:
    return record["location"] or record["label"]


# -- evidences ----------------------------------------------------------------------


def add_evidence(record: dict[str, Any], evidence_record: dict[str, Any]) -> None:
    _put(f"{PREFIX}:evidence:{evidence_record['evidenceId']}", evidence_record)
    key = f"{PREFIX}:evidences:{record['messageId']}"
    _redis().rpush(key, evidence_record["evidenceId"])
    _redis().expire(key, TTL_SECONDS)


def evidence(evidence_id: str) -> dict[str, Any] | None:
    return _get(f"{PREFIX}:evidence:{evidence_id}")


def evidences_of(message_id: str) -> list[dict[str, Any]]:
    ids = [decoded(i) for i in _redis().lrange(f"{PREFIX}:evidences:{message_id}", 0, -1)]
    return [e for e in (evidence(i) for i in ids) if e is not None]


# -- sending tasks ------------------------------------------------------------------


def save_task(results: list[dict[str, Any]]) -> str:
    task_id = str(uuid.uuid4())
    _put(f"{PREFIX}:task:{task_id}", {"results": results})
    return task_id


def task(task_id: str) -> dict[str, Any] | None:
    return _get(f"{PREFIX}:task:{task_id}")
