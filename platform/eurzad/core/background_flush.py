"""Work gathered on the request path and finished by a thread of the process, at most
every few seconds: the request lines (:mod:`eurzad.core.access_log`) and the request
metrics (:mod:`eurzad.core.metrics`).

A cached page is answered in a few dozen microseconds; writing each request line, or
taking prometheus-client's locks for each request's count and duration, cost it more than
the rest of its work put together (tests/perf/test_town_page_throughput.py)."""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable


class BackgroundFlush:
    """Calls ``flush`` every ``seconds`` from a daemon thread, started by the first
    :meth:`ensure_running` of each process: a child forked from a process with the
    thread has none (threads do not survive a fork), so ``forget`` is called in the child
    to drop what the parent had gathered (the parent finishes it), and the next
    :meth:`ensure_running` starts the child's own thread."""

    def __init__(
        self, flush: Callable[[], None], seconds: float, name: str, forget: Callable[[], None]
    ) -> None:
        self.seconds = seconds
        self._flush = flush
        self._forget = forget
        self._name = name
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        _flushes.add(self)

    def ensure_running(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while self._thread is threading.current_thread():
            time.sleep(self.seconds)
            self._flush()

    def _forked(self) -> None:
        self._thread = None
        self._lock = threading.Lock()
        self._forget()


_flushes: weakref.WeakSet[BackgroundFlush] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for flush in list(_flushes):
        flush._forked()


# Known at a fork, rather than by asking for the process id on every request (a system
# call, and the only one a cached page would make).
os.register_at_fork(after_in_child=_after_fork_in_child)
