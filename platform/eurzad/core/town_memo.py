"""What every page of a town shows and only its editors change (the Wagtail site, the
branding, the menu, the active alerts): computed once per process and town, not once per
request.

A value is kept under the current town's schema and the town's content *generation*, the
page cache's (:mod:`eurzad.core.page_cache`): whatever makes the town's cached pages
stale (publishing, moving or deleting a page, saving its branding, its site or an alert)
makes these values stale too — at once in the process that made the change, within
``PAGE_CACHE_RECHECK_SECONDS`` in every other one. The schema is part of every key, so no
town is ever shown another's value.

A value may also say until when it holds (the active alerts change by themselves when one
starts or ends); none is kept longer than ``MAX_AGE_SECONDS``, whatever happens to the
generation (Redis emptied, say).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any, NamedTuple, TypeVar, cast

from eurzad.core.page_cache import local_pages
from eurzad.core.postgresql.connection import connection

T = TypeVar("T")

MAX_AGE_SECONDS = 600
MAX_ENTRIES = 5_000


class _Entry(NamedTuple):
    generation: int
    expires_at: float  # epoch seconds
    value: Any


class TownMemo:
    """This process's values of each town, by schema and key (least recently stored go
    first beyond ``max_entries``)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, Hashable], _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: Hashable, build: Callable[[], T]) -> T:
        """The current town's value under ``key``: ``build()``'s, kept until the town
        changes."""
        return self.remember_until(key, lambda: (build(), None))

    def remember_until(self, key: Hashable, build: Callable[[], tuple[T, datetime | None]]) -> T:
        """Like :meth:`remember`, for a value that also changes by itself: ``build``
        returns it with the moment it stops holding (None: when the town changes)."""
        schema = connection.schema_name
        # Read before building: a change during the build leaves the value behind at once.
        generation = local_pages.generation(schema)
        now = time.time()
        entry = self._entries.get((schema, key))
        if entry is not None and entry.generation == generation and entry.expires_at > now:
            return cast("T", entry.value)
        value, until = build()
        expires_at = now + MAX_AGE_SECONDS
        if until is not None:
            expires_at = min(expires_at, until.timestamp())
        with self._lock:
            self._entries[(schema, key)] = _Entry(generation, expires_at, value)
            self._entries.move_to_end((schema, key))
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


town_memo = TownMemo()
