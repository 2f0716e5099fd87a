"""The simulated providers' mailboxes, in Redis (the cache database, under its own key
prefix): never in a town's schema, as a real provider's data is not ours either.

A mailbox is a queue of message ids; a message is a JSON record with the document,
sender, delivery time and the UPO issued when it was put in."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from functools import lru_cache

import redis
from django.conf import settings

from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.channels.upo import Receipt, issue_upp
from eurzad.core.redis_values import decoded

__all__ = [
    "Message",
    "confirm",
    "count",
    "get",
    "head",
    "put",
    "store",
    "waiting",
]

PREFIX = "eurzad:channels-sim"
TTL_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Message:
    message_id: str
    channel: str
    mailbox: str
    sender_address: str
    sender_name: str
    recipient_name: str
    subject: str
    filename: str
    content_type: str
    content_b64: str
    sent_at: str
    upo_id: str
    upo_b64: str
    status: str = "NEW"

    @property
    def content(self) -> bytes:
        return base64.b64decode(self.content_b64)

    @property
    def upo(self) -> bytes:
        return base64.b64decode(self.upo_b64)

    @property
    def digest(self) -> bytes:
        """What ePUAP's ``potwierdzOdebranie`` names the document by: SHA-1 of its content."""
        return hashlib.sha1(self.content).digest()  # noqa: S324


@lru_cache(maxsize=1)
def store() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def _box(channel: str, mailbox: str) -> str:
    return f"{PREFIX}:{channel}:box:{mailbox}"


def _message_key(message_id: str) -> str:
    return f"{PREFIX}:message:{message_id}"


def put(
    *,
    channel: str,
    mailbox: str,
    document: bytes,
    sender_address: str,
    sender_name: str,
    recipient_name: str,
    subject: str,
    filename: str = "dokument.xml",
    content_type: str = "text/xml",
) -> Message:
    """Deliver ``document`` into ``mailbox`` and issue its UPO (signed by the provider)."""
    sent_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    message_id = str(uuid.uuid4())
    key, certificate = provider_key_and_certificate()
    upo_id, upo = issue_upp(
        Receipt(
            recipient_name=recipient_name,
            recipient_address=mailbox,
            sender_name=sender_name,
            sender_address=sender_address,
            document_id=message_id,
            document=document,
            delivered_at=sent_at,
            issuer="ePUAP (symulator)" if channel == "epuap" else "e-Doręczenia (symulator)",
        ),
        key,
        certificate,
    )
    message = Message(
        message_id=message_id,
        channel=channel,
        mailbox=mailbox,
        sender_address=sender_address,
        sender_name=sender_name,
        recipient_name=recipient_name,
        subject=subject,
        filename=filename,
        content_type=content_type,
        content_b64=base64.b64encode(document).decode(),
        sent_at=sent_at.isoformat(),
        upo_id=upo_id,
        upo_b64=base64.b64encode(upo).decode(),
    )
    pipe = store().pipeline()
    pipe.set(_message_key(message_id), json.dumps(asdict(message)), ex=TTL_SECONDS)
    pipe.rpush(_box(channel, mailbox), message_id)
    pipe.expire(_box(channel, mailbox), TTL_SECONDS)
    pipe.execute()
    return message


def get(message_id: str) -> Message | None:
    raw = store().get(_message_key(message_id))
    return Message(**json.loads(raw)) if raw else None


def waiting(channel: str, mailbox: str) -> list[Message]:
    ids = [decoded(i) for i in store().lrange(_box(channel, mailbox), 0, -1)]
    return [m for m in (get(i) for i in ids) if m is not None]


def count(channel: str, mailbox: str) -> int:
    return int(store().llen(_box(channel, mailbox)))


def head(channel: str, mailbox: str) -> Message | None:
    first = store().lindex(_box(channel, mailbox), 0)
    return get(decoded(first)) if first else None


def confirm(channel: str, mailbox: str, digest: bytes) -> bool:
    """ePUAP's potwierdzOdebranie: remove the first message if ``digest`` is the SHA-1
    of its content."""
    first = head(channel, mailbox)
    if first is None or first.digest != digest:
        return False
    store().lrem(_box(channel, mailbox), 1, first.message_id)
    return True
