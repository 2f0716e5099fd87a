"""Change feeds: what happened in the portal, in pages, from an opaque cursor.

Why no change is ever skipped: concurrent transactions commit out of order, so ordering
by the row id (given at insert) would let a cursor pass a row whose transaction commits
late. A :class:`api.models.FeedEntry` therefore gets its feed ``position`` only after
its transaction has committed: before reading, :func:`assign_positions` numbers the
committed rows still without one, under a lock per town, continuing from the highest
position given. A row committing later gets a later position; a page is always a
prefix of what will ever be numbered, and the cursor (the last position handed out) never
passes anything. A change appears in the feed as soon as its transaction has committed,
and long transactions elsewhere do not hold the feed back.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection, transaction
from django.utils.translation import gettext as _

from api.integration.changes import change_data, load
from api.models import ApiClient, FeedEntry

# Numbering runs in its own transaction under a lock of this town's schema, so two readers
# never give out the same position and a later numbering always continues a committed one.
NUMBERING = """
WITH pending AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n
    FROM api_feedentry WHERE position IS NULL
)
UPDATE api_feedentry SET position = (
    SELECT COALESCE(MAX(position), 0) FROM api_feedentry
) + pending.n
FROM pending WHERE api_feedentry.id = pending.id
"""


def assign_positions() -> int:
    """Number the committed changes of the current town that have no position yet, in
    order; returns how many. Outside a transaction it commits at once (as in a request);
    inside one, the numbering and its lock last until that commits."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.api_feedentry'))"
        )
        cursor.execute(NUMBERING)
        return cursor.rowcount


CURSOR_VERSION = "1"


class BadCursor(ValueError):
    """The cursor was not one this feed handed out."""


def encode_cursor(position: int) -> str:
    raw = f"{CURSOR_VERSION}:{position}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, position = raw.split(":")
        if version != CURSOR_VERSION or not 0 <= int(position) < 2**62:
            raise ValueError(version)
        return int(position)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor(
            _("Nieprawidłowy kursor; użyj wartości next z poprzedniej odpowiedzi.")
        ) from None


@dataclass
class FeedPage:
    items: list[dict[str, Any]]
    next: str
    has_more: bool


def read_feed(stream: str, client: ApiClient, since: str = "", limit: int = 100) -> FeedPage:
    """Up to ``limit`` changes of ``stream`` after the cursor ``since``, as ``client`` may
    see them. Raises :class:`BadCursor`."""
    after = decode_cursor(since)
    assign_positions()
    entries = list(
        FeedEntry.objects.filter(stream=stream, position__gt=after).order_by("position")[
            : limit + 1
        ]
    )
    has_more = len(entries) > limit
    entries = entries[:limit]
    objects: dict[str, dict[int, Any]] = {}
    for event in {entry.event for entry in entries}:
        objects[event] = load(event, [e.object_id for e in entries if e.event == event])
    items = []
    for entry in entries:
        obj = objects[entry.event].get(entry.object_id)
        items.append(
            {
                "event": entry.event,
                "recorded_at": entry.recorded_at,
                "data": change_data(entry.event, obj, client) if obj is not None else None,
            }
        )
    # position__gt above leaves only entries that have a position
    last = cast(int, entries[-1].position) if entries else None
    cursor = encode_cursor(last) if last is not None else (since or encode_cursor(0))
    return FeedPage(items, cursor, has_more)
