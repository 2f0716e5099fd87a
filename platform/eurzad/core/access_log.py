"""The request line: one log line per request, cheap enough for every request.

The line is serialised once, by :class:`RequestLog`, in the shape the rest of the
platform's log lines have (``LOG_FORMAT``: a JSON object or the plain text line, fields in
docs/operators/monitoring.md). The ``eurzad.requests`` logger hands the finished string to
its own handler (``access`` in ``LOGGING``), which writes it as it is: no formatter, no
filters, no caller lookup. Measured in tests/perf: the logging framework's per-record work
(filters, the JSON formatter, the caller's frame) cost a cached page two thirds of its
throughput.

A cached page is otherwise answered without a single system call, and in the middle of
a request each costs far more than the call alone measures (the kernel's entry and exit
leave the CPU's caches cold for what follows). A write per line and a read of the
kernel's random source per request id were two; without them, and with the line handed
straight to the handler (no record) when nothing else listens, the cached town page went
from 0.71 to 0.75 of a bare view (tests/perf, one machine). So the handler
(:class:`BufferedLineHandler`) writes the lines it has gathered at most every
``ACCESS_LOG_FLUSH_SECONDS`` (a WARNING or worse at once, and whatever is left when the
process exits), as nginx's ``access_log … flush=`` does, and a new request id comes from
the process's random generator, reseeded at every fork.
"""

from __future__ import annotations

import logging
import os
import random
import re
import threading
import time
from json.encoder import encode_basestring
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from eurzad.core.background_flush import BackgroundFlush
from eurzad.core.logging import mask_identifiers
from eurzad.core.requests import TenantRequest

REQUEST_ID_HEADER = "X-Request-ID"
# A client-supplied id is echoed only if it looks like an id, never as arbitrary text.
_ACCEPTABLE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")  # the whole id (fullmatch)
LOGGER_NAME = "eurzad.requests"

access_logger = logging.getLogger(LOGGER_NAME)


class PreformattedFormatter(logging.Formatter):
    """Writes the message as it is: the request line arrives serialised."""

    def format(self, record: logging.LogRecord) -> str:
        return str(record.msg)


class BufferedLineHandler(logging.StreamHandler):
    """Gathers the lines and writes them to the stream together, at most
    ``flush_seconds`` after the first of them (0: each line at once), from a thread of
    its own, so that an idle process's last lines are written too. A WARNING or worse is
    written at once with everything before it, in order; the rest at exit
    (``logging.shutdown``). What a process killed outright (SIGKILL) had not written
    yet is lost: at most ``flush_seconds`` of lines."""

    def __init__(self, stream: Any = None, flush_seconds: float = 1.0) -> None:
        super().__init__(stream)
        self.flush_seconds = flush_seconds
        self._pending: list[str] = []
        self._background = BackgroundFlush(
            self.flush, flush_seconds, "request-log-flush", forget=self._pending.clear
        )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.write_line(self.format(record), record.levelno)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def write_line(self, line: str, level: int) -> None:
        """Gather ``line`` (already formatted) as :meth:`emit` does with a record's."""
        with self.lock:  # type: ignore[union-attr]
            self._pending.append(line + self.terminator)
        if self.flush_seconds <= 0 or level >= logging.WARNING:
            self.flush()
        else:
            self._background.ensure_running()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            if getattr(self.stream, "closed", False):
                # Closed under us (the interpreter exiting, a test's captured output):
                # nothing can be written there any more.
                self._pending.clear()
                return
            if self._pending and self.stream is not None:
                lines = "".join(self._pending)
                self._pending.clear()
                self.stream.write(lines)
            super().flush()

    def setStream(self, stream: Any) -> Any:
        self.flush()  # the lines gathered so far belong to the stream they were meant for
        return super().setStream(stream)


def _sole_line_handler() -> BufferedLineHandler | None:
    """The request logger's handler when it is the platform's own and nothing else can
    see the record (no filter, no other handler): the line then goes straight to it, with
    no record made. An operator's handler or filter gets the record as usual."""
    handlers = access_logger.handlers
    if len(handlers) != 1 or access_logger.filters:
        return None
    handler = handlers[0]
    if type(handler) is not BufferedLineHandler or handler.filters or handler.level:
        return None
    if not isinstance(handler.formatter, PreformattedFormatter):
        return None
    return handler


class RequestLineRecord(logging.LogRecord):
    """The request line as a log record, made without ``LogRecord``'s per-record lookups
    (the caller's file and module, the thread's and process's names): on a cached page
    they cost more than writing the line. Every attribute a formatter may read is still
    there, so a handler an operator adds to the logger keeps working."""

    def __init__(self, line: str, level: int) -> None:  # no super().__init__(), on purpose
        now = time.time()
        self.name = LOGGER_NAME
        self.msg = line
        self.args = ()
        self.levelno = level
        self.levelname = logging.getLevelName(level)
        self.pathname = __file__
        self.filename = "access_log.py"
        self.module = "access_log"
        self.exc_info = None
        self.exc_text = None
        self.stack_info = None
        self.lineno = 0
        self.funcName = "__call__"
        self.created = now
        self.msecs = (now - int(now)) * 1000
        self.relativeCreated = (now - logging._startTime) * 1000  # type: ignore[attr-defined]
        self.thread = threading.get_ident()
        self.threadName = None
        self.processName = None
        self.process = os.getpid()
        self.taskName = None


class _Clock:
    """The time field, rendered once per second (strftime per request is measurable)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.second = -1
        self.text = ""

    def now(self) -> str:
        second = int(time.time())
        if second != self.second:
            self.text = time.strftime(self.pattern, time.localtime(second))
            self.second = second
        return self.text


# The masked forms of the paths and hosts seen lately: the same few pages make up most
# requests, and looking for identifiers in them again costs a cached page measurably.
_MASKED_MAX = 4_096
_MASKED_LENGTH_MAX = 256
_masked_texts: dict[str, str] = {}


def _masked(text: str) -> str:
    """``mask_identifiers(text)``, remembered for a short text."""
    masked = _masked_texts.get(text)
    if masked is None:
        masked = mask_identifiers(text)
        if len(text) <= _MASKED_LENGTH_MAX:
            if len(_masked_texts) >= _MASKED_MAX:
                _masked_texts.clear()
            _masked_texts[text] = masked
    return masked


def request_id_of(request: HttpRequest) -> str:
    """The request's id: the caller's ``X-Request-ID`` when it looks like an id, else a
    new one."""
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    if offered and _ACCEPTABLE_REQUEST_ID.fullmatch(offered):
        return offered
    # 128 random bits from the process's generator: no system call, unlike os.urandom.
    # An id need only be unique, not secret; Python reseeds the generator in every child
    # process after a fork, so no two workers share a sequence.
    return f"{random.getrandbits(128):032x}"


class RequestLog:
    """Writes one line per request (by
    :class:`eurzad.core.observation.RequestObservationMiddleware`): method, path, status,
    duration, host, the town's schema and the request id (``INFO``; ``ERROR`` for a 5xx
    answer)."""

    def __init__(self) -> None:
        self.json = settings.LOG_FORMAT == "json"
        self.clock = _Clock("%Y-%m-%dT%H:%M:%S%z" if self.json else "%Y-%m-%d %H:%M:%S")

    def write(self, request: TenantRequest, status: int, elapsed: float) -> None:
        """The line of a request answered with ``status`` in ``elapsed`` seconds."""
        level = logging.ERROR if status >= 500 else logging.INFO
        if not access_logger.isEnabledFor(level):
            return
        line = self.line(request, status, level, round(elapsed * 1000, 1))
        handler = _sole_line_handler()
        if handler is not None:
            handler.write_line(line, level)
        else:
            # handle(), not log(): the caller's frame is of no use on this line.
            access_logger.handle(RequestLineRecord(line, level))

    def line(self, request: TenantRequest, status: int, level: int, duration_ms: float) -> str:
        """The request line, serialised. The path only, never the query string: it may
        carry tokens or identifiers; a PESEL- or NIP-looking path segment is masked."""
        tenant = getattr(request, "tenant", None)
        schema_name = tenant.schema_name if tenant is not None else "public"
        method = request.method or ""
        path = _masked(request.path)
        host = _masked(request.META.get("HTTP_HOST", "")[:253])
        level_name = logging.getLevelName(level)
        if not self.json:
            return (
                f"{self.clock.now()} {level_name} [{schema_name}] [{request.request_id}] "
                f"{LOGGER_NAME}: {method} {path} {status} {duration_ms} ms {host}"
            )
        # The JSON object, written out: json.dumps of a dict costs more than the rest of
        # the line; every string that comes from outside goes through the JSON encoder.
        domain_url = getattr(tenant, "domain_url", None)
        return (
            f'{{"time": "{self.clock.now()}", "level": "{level_name}", '
            f'"logger": "{LOGGER_NAME}", '
            f'"message": {encode_basestring(f"{method} {path} {status}")}, '
            f'"schema_name": "{schema_name}", '
            f'"domain_url": {"null" if domain_url is None else encode_basestring(domain_url)}, '
            f'"request_id": "{request.request_id}", "method": {encode_basestring(method)}, '
            f'"path": {encode_basestring(path)}, "status": {status}, '
            f'"duration_ms": {duration_ms}, "host": {encode_basestring(host)}}}'
        )
