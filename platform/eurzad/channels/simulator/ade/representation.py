"""Stored records written out in the User Agent API's JSON (contract 3.0.8 names)."""

from __future__ import annotations

from typing import Any

from eurzad.channels.simulator.ade import store

__all__ = ["as_evidence", "as_message", "as_thread_summary", "directories"]

_METADATA_ONLY = ("minimal", "metadata")


def as_evidence(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != "xml"}


def _control(record: dict[str, Any]) -> dict[str, Any]:
    labels = [{"label": record["label"]}]
    if record["location"]:
        labels[0]["messageLocation"] = record["location"]
    control = {
        "opened": record["opened"],
        "status": record["status"],
        "messageType": record["messageType"],
        "labels": labels,
    }
    if record["statusDescription"]:
        control["statusDescription"] = record["statusDescription"]
    return control


def _metadata(record: dict[str, Any]) -> dict[str, Any]:
    metadata = {
        "from": record["from"],
        "to": record["to"],
        "subject": record["subject"],
        "messageId": record["messageId"],
        "threadId": record["threadId"],
        "timestamp": record["timestamp"],
        "shippingService": "electronic",
    }
    for key in ("caseId", "submissionDate", "eventDate", "receiptDate"):
        if record[key]:
            metadata[key] = record[key]
    return metadata


def as_message(record: dict[str, Any], format: str) -> dict[str, Any]:
    """``Message`` in ``minimal``, ``metadata``, ``full`` (attachment list without
    content, evidence list) or ``fullExtended`` (with the content)."""
    if format == "minimal":
        return {
            "messageMetadata": {"messageId": record["messageId"], "timestamp": record["timestamp"]}
        }
    message: dict[str, Any] = {
        "messageControlData": _control(record),
        "messageMetadata": _metadata(record),
    }
    if format in _METADATA_ONLY:
        return message
    message["textBody"] = record["textBody"]
    message["attachments"] = []
    for item in record["attachments"]:
        file_data: dict[str, Any] = {
            "fileMetadata": {
                "fileId": item["attachmentId"],
                "filename": item["filename"],
                "contentType": item["contentType"],
                "size": len(item["content"]) * 3 // 4,
            }
        }
        if format == "fullExtended":
            file_data["file"] = item["content"]
        message["attachments"].append(
            {"order": item["order"], "attachmentId": item["attachmentId"], "file": file_data}
        )
    message["evidences"] = [as_evidence(e) for e in store.evidences_of(record["messageId"])]
    return message


def as_thread_summary(thread_id: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    records = sorted(records, key=lambda r: r["timestamp"])
    return {
        "threadId": thread_id,
        "opened": all(r["opened"] for r in records),
        "caseIDs": sorted({r["caseId"] for r in records if r["caseId"]}),
        "senders": [r["from"].get("contributor", {}) for r in records[:1]],
        "firstMessageTitle": records[0]["subject"],
        "firstMessageSubmissionDate": records[0]["submissionDate"] or records[0]["timestamp"],
        "lastMessageSubmissionDate": records[-1]["submissionDate"] or records[-1]["timestamp"],
        "messagesCount": len(records),
    }


def directories(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``DirectoryExtended`` for the predefined folders."""
    result = []
    for label in store.PREDEFINED_FOLDERS:
        inside = [r for r in records if store.folder_of(r) == label]
        result.append(
            {
                "directoryId": label,
                "name": label,
                "label": label,
                "type": "predefined",
                "numberOfUnreadMessages": sum(not r["opened"] for r in inside),
                "total": len(inside),
            }
        )
    return result
