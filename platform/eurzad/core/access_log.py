"""The request line: one log line per request, cheap enough for every request.

The line is serialised once, by :class:`RequestLogMiddleware`, in the shape the rest of the
platform's log lines have (``LOG_FORMAT``: a JSON object or the plain text line, fields in
docs/operators/monitoring.md). The ``eurzad.requests`` logger hands the finished string to
its own handler (``access`` in ``LOGGING``), which writes it as it is: no formatter, no
filters, no caller lookup. Measured in tests/perf: the logging framework's per-record work
(filters, the JSON formatter, the caller's frame) cost a cached page two thirds of its
throughput.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from json.encoder import encode_basestring

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from eurzad.core.logging import mask_identifiers, request_id_var
from eurzad.core.requests import TenantRequest

REQUEST_ID_HEADER = "X-Request-ID"
# A client-supplied id is echoed only if it looks like an id, never as arbitrary text.
_ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
LOGGER_NAME = "eurzad.requests"

access_logger = logging.getLogger(LOGGER_NAME)


class PreformattedFormatter(logging.Formatter):
    """Writes the message as it is: the request line arrives serialised."""

    def format(self, record: logging.LogRecord) -> str:
        return str(record.msg)


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


def _request_id(request: HttpRequest) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    if offered and _ACCEPTABLE_REQUEST_ID.match(offered):
        return offered
    return os.urandom(16).hex()


class RequestLogMiddleware:
    """Gives every request an id (the caller's ``X-Request-ID`` or a new one), echoes it in
    the response, and writes one line per request: method, path, status, duration, host,
    the town's schema and the request id (``INFO``; ``ERROR`` for a 5xx answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.json = settings.LOG_FORMAT == "json"
        self.clock = _Clock("%Y-%m-%dT%H:%M:%S%z" if self.json else "%Y-%m-%d %H:%M:%S")

    def __call__(self, request: TenantRequest) -> HttpResponse:
        request_id = _request_id(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            if access_logger.isEnabledFor(level):
                line = self.line(request, response.status_code, level, duration_ms)
                # handle(), not log(): the caller's frame is of no use on this line.
                access_logger.handle(RequestLineRecord(line, level))
            return response
        finally:
            request_id_var.reset(token)

    def line(self, request: TenantRequest, status: int, level: int, duration_ms: float) -> str:
        """The request line, serialised. The path only, never the query string: it may
        carry tokens or identifiers; a PESEL- or NIP-looking path segment is masked."""
        tenant = getattr(request, "tenant", None)
        schema_name = tenant.schema_name if tenant is not None else "public"
        method = request.method or ""
        path = mask_identifiers(request.path)
        host = mask_identifiers(request.META.get("HTTP_HOST", "")[:253])
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
