"""The simulated User Agent API: one function per documented operation, chosen by
method and path below ``/{eDeliveryAddress}/``. Every call must carry an access token
issued for that very address; errors are a list of ``ErrorInfo``."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eurzad.channels.documents import Attachment
from eurzad.channels.simulator.ade import delivery, store
from eurzad.channels.simulator.ade.representation import (
    as_evidence,
    as_message,
    as_thread_summary,
    directories,
)
from eurzad.channels.simulator.systems import edoreczenia_system

__all__ = ["Answer", "ApiError", "Call", "answer"]

MAX_IDS = 50  # R10


@dataclass(frozen=True)
class Call:
    method: str
    address: str
    parts: tuple[str, ...]
    query: dict[str, str]
    body: bytes = b""


@dataclass
class Answer:
    status: int
    payload: Any = None
    content: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    def __init__(self, status: int, error: str, description: str, message_id: str = "") -> None:
        super().__init__(description)
        self.status, self.error, self.description, self.message_id = (
            status,
            error,
            description,
            message_id,
        )

    def answer(self) -> Answer:
        info = {"error": self.error, "error_description": self.description}
        if self.message_id:
            info["messageId"] = self.message_id
        return Answer(self.status, [info])


def _json_body(call: Call) -> Any:
    try:
        return json.loads(call.body or b"null")
    except ValueError:
        raise ApiError(400, "INVALID_REQUEST", "Treść żądania nie jest poprawnym JSON.") from None


def _own(call: Call, message_id: str) -> dict[str, Any]:
    record = store.message(message_id)
    if record is None or record["owner"] != call.address:
        raise ApiError(
            400, "MESSAGE_NOT_FOUND", "Nie ma takiej wiadomości w tej skrzynce.", message_id
        )
    return record


def _ids(text: str) -> list[str]:
    ids = [part for part in text.split(",") if part]
    if not ids or len(ids) > MAX_IDS:
        raise ApiError(400, "INVALID_REQUEST", f"Od 1 do {MAX_IDS} identyfikatorów wiadomości.")
    return ids


# -- messages -----------------------------------------------------------------------


def list_messages(call: Call) -> Answer:
    label = call.query.get("label", "INBOX")
    if label == "DRAFTS":
        raise ApiError(400, "INVALID_LABEL", "Wiadomości robocze pobiera się przez /drafts.")
    records = [r for r in store.messages_of(call.address) if store.folder_of(r) == label]
    if "opened" in call.query:
        wanted = call.query["opened"].lower() == "true"
        records = [r for r in records if r["opened"] == wanted]
    if call.query.get("subject"):
        records = [r for r in records if call.query["subject"].lower() in r["subject"].lower()]
    records.sort(key=lambda r: r["timestamp"], reverse=call.query.get("sortDirection") == "desc")
    total = len(records)
    offset, limit = int(call.query.get("offset", 0)), min(int(call.query.get("limit", 20)), 2000)
    page = records[offset : offset + limit]
    format = call.query.get("format", "minimal")
    return Answer(
        200,
        {
            "messages": [as_message(r, format) for r in page],
            "total": total,
            "resultSize": len(page),
        },
    )


def get_messages(call: Call) -> Answer:
    format = call.query.get("format", "full")
    records = [_own(call, message_id) for message_id in _ids(call.parts[1])]
    answer = []
    for record in records:
        if format in ("full", "fullExtended") and not record["opened"]:
            record["opened"] = True
            store.save(record)
        answer.append(as_message(record, format))
    return Answer(200, answer)


def patch_control_data(call: Call) -> Answer:
    patch = _json_body(call)
    if not isinstance(patch, list) or len(patch) != 1 or not isinstance(patch[0], dict):
        raise ApiError(400, "INVALID_PATCH", "Oczekiwano JSON Patch z jedną operacją.")
    operation = patch[0]
    value = operation.get("value")
    location = value.get("messageLocation") if isinstance(value, dict) else None
    if operation.get("op") != "replace" or operation.get("path") != "/labels" or not location:
        raise ApiError(400, "INVALID_PATCH", "Obsługiwana jest zmiana messageLocation w /labels.")
    if location in ("INBOX", "SENT", "OUTBOX", "DRAFTS"):
        raise ApiError(400, "INVALID_LABEL", "Do tego folderu nie można przenieść wiadomości.")
    answer = []
    for record in [_own(call, message_id) for message_id in _ids(call.parts[1])]:
        record["location"] = location
        store.save(record)
        answer.append(
            {"messageId": record["messageId"]}
            | as_message(record, "metadata")["messageControlData"]
        )
    return Answer(200, answer)


def attachment(call: Call) -> Answer:
    record = _own(call, call.parts[1])
    for item in record["attachments"]:
        if item["attachmentId"] == call.parts[3]:
            return Answer(200, as_message(record, "fullExtended")["attachments"][item["order"] - 1])
    raise ApiError(400, "ATTACHMENT_NOT_FOUND", "Nie ma takiego załącznika.", record["messageId"])


# -- drafts and sending -------------------------------------------------------------


def create_draft(call: Call) -> Answer:
    body = _json_body(call)
    metadata = body.get("messageMetadata") if isinstance(body, dict) else None
    if not isinstance(metadata, dict):
        raise ApiError(400, "INVALID_MESSAGE", "Brak messageMetadata.")
    recipients = metadata.get("to")
    if not isinstance(recipients, list) or not recipients:
        raise ApiError(400, "INVALID_MESSAGE", "Brak adresata (messageMetadata.to).")
    if metadata.get("shippingService") != "electronic":
        raise ApiError(400, "INVALID_MESSAGE", "Symulator obsługuje tylko usługę electronic.")
    text = body.get("textBody") or ""
    if not isinstance(text, str) or len(text) > 5000:
        raise ApiError(400, "INVALID_MESSAGE", "textBody: najwyżej 5000 znaków.")
    draft = store.new_message(
        owner=call.address,
        label="DRAFTS",
        sender={"eDeliveryAddress": call.address},
        recipients=[
            {"eDeliveryAddress": str(r.get("eDeliveryAddress", ""))}
            for r in recipients
            if isinstance(r, dict)
        ],
        subject=str(metadata.get("subject") or ""),
        text_body=text,
        thread_id=str(metadata.get("threadId") or ""),
        case_id=str(metadata.get("caseId") or ""),
    )
    store.save(draft)
    return Answer(200, {"messageId": draft["messageId"]})


def add_draft_attachment(call: Call) -> Answer:
    draft = _own(call, call.parts[1])
    if draft["label"] != "DRAFTS":
        raise ApiError(400, "INVALID_REQUEST", "Załączniki dodaje się do wiadomości roboczej.")
    body = _json_body(call)
    metadata = body.get("fileMetadata") if isinstance(body, dict) else None
    if not isinstance(metadata, dict) or not metadata.get("filename"):
        raise ApiError(400, "INVALID_ATTACHMENT", "Brak fileMetadata.filename.")
    try:
        content = base64.b64decode(body.get("file") or "", validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "INVALID_ATTACHMENT", "Treść załącznika nie jest base64.") from None
    item = store.new_message(
        owner="",
        label="",
        sender={},
        recipients=[],
        subject="",
        attachments=(
            Attachment(
                metadata["filename"],
                str(metadata.get("contentType") or "application/octet-stream"),
                content,
            ),
        ),
    )["attachments"][0]
    item["order"] = len(draft["attachments"]) + 1
    draft["attachments"].append(item)
    store.save(draft)
    return Answer(
        200,
        {
            "attachmentId": item["attachmentId"],
            "fileMetadata": {
                "fileId": item["attachmentId"],
                "filename": item["filename"],
                "contentType": item["contentType"],
                "size": len(content),
            },
        },
    )


def _deliver(sender: str, draft: dict[str, Any]) -> list[dict[str, Any]]:
    results = []
    attachments = tuple(
        Attachment(a["filename"], a["contentType"], base64.b64decode(a["content"]))
        for a in draft["attachments"]
    )
    for recipient in draft["to"]:
        address = recipient["eDeliveryAddress"]
        if not address.startswith("AE:PL-"):
            results.append(
                {
                    "addressee": recipient,
                    "error": "INVALID_ADDRESS",
                    "error_description": "Niepoprawny adres do doręczeń elektronicznych.",
                }
            )
            continue
        sent, _received = delivery.submit(
            sender={"eDeliveryAddress": sender},
            recipient_address=address,
            subject=draft["subject"],
            text_body=draft["textBody"],
            attachments=attachments,
            case_id=draft["caseId"],
            thread_id=draft["threadId"],
            # A town's system is a public entity: E.1 as soon as it is in its mailbox.
            deliver_at_once=edoreczenia_system(address=address) is not None,
        )
        results.append({"messageId": sent["messageId"], "addressee": recipient})
    return results


def send_draft(call: Call) -> Answer:
    body = _json_body(call)
    draft_id = body.get("messageId") if isinstance(body, dict) else None
    if not draft_id:
        raise ApiError(400, "INVALID_REQUEST", "Brak messageId wiadomości roboczej.")
    draft = _own(call, str(draft_id))
    if draft["label"] != "DRAFTS":
        raise ApiError(400, "INVALID_REQUEST", "To nie jest wiadomość robocza.", draft["messageId"])
    task_id = store.save_task(_deliver(call.address, draft))
    draft["location"] = "TRASH"  # the draft leaves DRAFTS once sent
    draft["label"] = "OUTBOX"
    store.save(draft)
    return Answer(202, {"messageTaskId": task_id})


def task_status(call: Call) -> Answer:
    if store.task(call.parts[2]) is None:
        raise ApiError(400, "TASK_NOT_FOUND", "Nie ma takiego zadania wysłania.")
    return Answer(200, {"messageTaskStatus": "FINISHED"})


def task_results(call: Call) -> Answer:
    task = store.task(call.parts[2])
    if task is None:
        raise ApiError(400, "TASK_NOT_FOUND", "Nie ma takiego zadania wysłania.")
    return Answer(200, task["results"])


# -- evidences, threads, folders ----------------------------------------------------


def message_evidences(call: Call) -> Answer:
    record = _own(call, call.parts[1])
    evidences = store.evidences_of(record["messageId"])
    if call.query.get("type"):
        evidences = [e for e in evidences if e["type"] == call.query["type"]]
    evidences.sort(key=lambda e: e["eventDate"], reverse=call.query.get("sortDirection") == "desc")
    return Answer(200, {"evidences": [as_evidence(e) for e in evidences]})


def _own_evidence(call: Call, evidence_id: str) -> dict[str, Any]:
    found = store.evidence(evidence_id)
    owner = store.message(found["messageId"]) if found else None
    if found is None or owner is None or owner["owner"] != call.address:
        raise ApiError(400, "EVIDENCE_NOT_FOUND", "Nie ma takiego dowodu w tej skrzynce.")
    return found


def evidence_metadata(call: Call) -> Answer:
    return Answer(200, [as_evidence(_own_evidence(call, call.parts[2]))])


def evidence_file(call: Call) -> Answer:
    if call.parts[1] not in ("purde", "puh"):
        raise ApiError(400, "INVALID_REQUEST", "Typ wiadomości: purde albo puh.")
    found = _own_evidence(call, call.parts[2])
    return Answer(
        200, content=found["xml"].encode("utf-8"), content_type="application/octet-stream"
    )


def _threads(call: Call) -> dict[str, list[dict[str, Any]]]:
    threads: dict[str, list[dict[str, Any]]] = {}
    for record in store.messages_of(call.address):
        if record["label"] in ("INBOX", "SENT"):
            threads.setdefault(record["threadId"], []).append(record)
    return threads


def list_threads(call: Call) -> Answer:
    threads = _threads(call)
    case_id = call.query.get("caseId")
    summaries = [
        as_thread_summary(thread_id, records)
        for thread_id, records in threads.items()
        if not case_id or any(r["caseId"] == case_id for r in records)
    ]
    return Answer(200, {"total": len(summaries), "Thread": summaries})


def get_thread(call: Call) -> Answer:
    records = sorted(_threads(call).get(call.parts[1], []), key=lambda r: r["timestamp"])
    if not records:
        raise ApiError(400, "THREAD_NOT_FOUND", "Nie ma takiego wątku.")
    messages = [as_message(r, "metadata") for r in records]
    return Answer(
        200,
        {
            "threadId": call.parts[1],
            "messages": {"messages": messages, "total": len(messages), "resultSize": len(messages)},
        },
    )


def number_messages(call: Call) -> Answer:
    return Answer(200, directories(store.messages_of(call.address)))


Route = tuple[str, tuple[str | None, ...], Callable[[Call], Answer]]
# None matches any one path segment; routes are tried in order.
ROUTES: list[Route] = [
    ("GET", ("messages",), list_messages),
    ("GET", ("messages", "evidences", None), evidence_metadata),
    ("GET", ("messages", "tasks", None, "status"), task_status),
    ("GET", ("messages", "tasks", None), task_results),
    ("GET", ("messages", None), get_messages),
    ("PATCH", ("messages", None, "message_control_data"), patch_control_data),
    ("GET", ("messages", None, "evidences"), message_evidences),
    ("GET", ("messages", None, "attachments", None), attachment),
    ("GET", ("evidences", None, None), evidence_file),
    ("POST", ("drafts",), create_draft),
    ("POST", ("drafts", "send"), send_draft),
    ("POST", ("drafts", None, "attachments"), add_draft_attachment),
    ("GET", ("threads",), list_threads),
    ("GET", ("threads", None), get_thread),
    ("GET", ("numberMessages",), number_messages),
    ("GET", ("directories",), number_messages),
]


def _matches(pattern: tuple[str | None, ...], parts: tuple[str, ...]) -> bool:
    return len(pattern) == len(parts) and all(
        p is None or p == s for p, s in zip(pattern, parts, strict=True)
    )


def answer(call: Call) -> Answer:
    """The operation's answer (the caller has checked the access token)."""
    for method, pattern, handler in ROUTES:
        if method == call.method and _matches(pattern, call.parts):
            try:
                return handler(call)
            except ApiError as error:
                return error.answer()
            except ValueError:
                return ApiError(400, "INVALID_REQUEST", "Niepoprawne parametry żądania.").answer()
    return ApiError(404, "NOT_FOUND", "Nieznana operacja UA API.").answer()
