"""Log lines are JSON objects carrying the town's schema and the request id, and never a
PESEL or NIP, even when a careless message or a traceback quotes one."""

from __future__ import annotations

import io
import json
import logging
import os
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from django.test import RequestFactory
from django_tenants.log import TenantContextFilter
from django_tenants.utils import schema_context

from eurzad.core.access_log import (
    BufferedLineHandler,
    PreformattedFormatter,
    _sole_line_handler,
    request_id_of,
)
from eurzad.core.logging import (
    JsonFormatter,
    MaskIdentifiersFilter,
    RequestIdFilter,
    mask_identifiers,
)
from tests.conftest import PLATFORM_HOST, ZEMBRZYCE_HOST, host_client

PESEL = "44051401359"
NIP = "1234563218"


@contextmanager
def captured(logger_name: str) -> Iterator[io.StringIO]:
    """What ``logger_name`` writes through a handler set up as the console handler of
    LOG_FORMAT=json (the same filters and formatter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for log_filter in (TenantContextFilter(), RequestIdFilter(), MaskIdentifiersFilter()):
        handler.addFilter(log_filter)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextmanager
def request_lines() -> Iterator[io.StringIO]:
    """What the ``eurzad.requests`` logger writes through a handler set up as its ``access``
    handler in LOGGING (the line arrives serialised)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(PreformattedFormatter())
    logger = logging.getLogger("eurzad.requests")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def test_request_line_carries_town_request_id_and_no_pesel(towns, settings):
    settings.LOG_FORMAT = "json"
    with request_lines() as stream:
        response = host_client(ZEMBRZYCE_HOST).get(
            f"/konto/sprawy/{PESEL}/?pesel={PESEL}", HTTP_X_REQUEST_ID="probe-42"
        )
    assert response["X-Request-ID"] == "probe-42"

    output = stream.getvalue()
    assert PESEL not in output
    [line] = [json.loads(raw) for raw in output.splitlines()]
    assert line["logger"] == "eurzad.requests"
    assert line["level"] in {"INFO", "ERROR"}
    assert line["schema_name"] == "zembrzyce"
    assert line["request_id"] == "probe-42"
    assert line["method"] == "GET"
    assert line["status"] == response.status_code
    assert line["path"] == "/konto/sprawy/*******1359/"
    assert line["host"] == ZEMBRZYCE_HOST
    assert line["message"] == f"GET /konto/sprawy/*******1359/ {response.status_code}"
    assert isinstance(line["duration_ms"], float)
    assert {"time", "domain_url"} <= set(line)


def test_plain_request_line_reads_like_the_other_plain_lines(towns, settings):
    settings.LOG_FORMAT = "plain"
    with request_lines() as stream:
        response = host_client(ZEMBRZYCE_HOST).get("/", HTTP_X_REQUEST_ID="probe-43")
    [line] = stream.getvalue().splitlines()
    assert f" INFO [zembrzyce] [probe-43] eurzad.requests: GET / {response.status_code} " in line
    assert line.endswith(f" ms {ZEMBRZYCE_HOST}")


def test_the_request_logger_writes_through_its_own_handler_only():
    """Configured as in production: the line is not formatted a second time by the
    console handler (its filters and formatter are what made each request slow)."""
    logger = logging.getLogger("eurzad.requests")
    assert logger.propagate is False
    # (pytest adds its capture handlers to every logger that does not propagate)
    [handler] = [h for h in logger.handlers if isinstance(h.formatter, PreformattedFormatter)]
    assert not handler.filters


def test_a_handler_an_operator_adds_formats_the_request_line_like_any_record(towns):
    """The line's record is made cheaply, yet carries what a formatter reads."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s %(process)d %(thread)d %(threadName)s "
            "%(processName)s %(module)s %(filename)s:%(lineno)d %(funcName)s %(message)s"
        )
    )
    logger = logging.getLogger("eurzad.requests")
    logger.addHandler(handler)
    try:
        response = host_client(ZEMBRZYCE_HOST).get("/", HTTP_X_REQUEST_ID="probe-44")
    finally:
        logger.removeHandler(handler)
    [line] = stream.getvalue().splitlines()
    assert f" INFO eurzad.requests {os.getpid()} " in line
    assert "[probe-44]" in line and f"GET / {response.status_code}" in line


def test_request_without_an_id_gets_one(towns):
    first = host_client(PLATFORM_HOST).get("/")
    second = host_client(PLATFORM_HOST).get("/", HTTP_X_REQUEST_ID="not an id; drop table")
    assert len(first["X-Request-ID"]) == 32
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert " " not in second["X-Request-ID"]
    third = host_client(PLATFORM_HOST).get("/", HTTP_X_REQUEST_ID="probe-45\nSet-Cookie: x=1")
    assert third["X-Request-ID"] != "probe-45" and "\n" not in third["X-Request-ID"]
    assert "Set-Cookie" not in third.headers
    fourth = host_client(PLATFORM_HOST).get("/", HTTP_X_REQUEST_ID="probe-46\n")
    assert fourth["X-Request-ID"] != "probe-46\n" and len(fourth["X-Request-ID"]) == 32


def test_messages_and_tracebacks_never_carry_a_pesel_or_nip(towns):
    logger = logging.getLogger("eurzad.tests.careless")
    with captured("eurzad.tests.careless") as stream, schema_context("glogow"):
        logger.info("payer %s, firm NIP %s", PESEL, "123-456-32-18")
        try:
            raise ValueError(f"no party with PESEL {PESEL}")
        except ValueError:
            logger.exception("import failed")

    output = stream.getvalue()
    assert PESEL not in output and NIP not in output and "123-456-32-18" not in output
    info, error = (json.loads(raw) for raw in output.splitlines())
    assert info["message"] == "payer *******1359, firm NIP ******3218"
    assert info["schema_name"] == "glogow"
    assert info["request_id"] == "-"
    assert error["level"] == "ERROR"
    assert "ValueError: no party with PESEL *******1359" in error["exception"]


def test_masking_leaves_other_numbers_readable():
    assert mask_identifiers("took 1763942726 s, account 61109010140000071219812874") == (
        "took 1763942726 s, account 61109010140000071219812874"
    )
    assert mask_identifiers(f"pesel={PESEL}") == "pesel=*******1359"


def _buffered(flush_seconds: float) -> tuple[io.StringIO, BufferedLineHandler]:
    stream = io.StringIO()
    handler = BufferedLineHandler(stream, flush_seconds=flush_seconds)
    handler.setFormatter(PreformattedFormatter())
    return stream, handler


def test_request_lines_are_written_together_within_the_flush_interval():
    stream, handler = _buffered(0.05)
    handler.write_line("GET / 200", logging.INFO)
    handler.write_line("GET /kontakt/ 200", logging.INFO)
    assert stream.getvalue() == ""  # gathered, not yet written
    deadline = time.monotonic() + 5
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)  # the handler's own thread writes them, with no further line
    assert stream.getvalue() == "GET / 200\nGET /kontakt/ 200\n"


def test_an_error_line_is_written_at_once_after_the_lines_before_it():
    stream, handler = _buffered(3600)
    handler.write_line("GET / 200", logging.INFO)
    handler.write_line("GET /konto/ 500", logging.ERROR)
    assert stream.getvalue() == "GET / 200\nGET /konto/ 500\n"


def test_lines_left_are_written_when_the_stream_changes_and_at_exit():
    stream, handler = _buffered(3600)
    handler.write_line("GET / 200", logging.INFO)
    later = io.StringIO()
    handler.setStream(later)
    assert stream.getvalue() == "GET / 200\n"
    handler.write_line("GET /en/ 200", logging.INFO)
    logging.shutdown([weakref.ref(handler)])  # what runs at exit: flush, then close
    assert later.getvalue() == "GET /en/ 200\n"
    assert stream.getvalue() == "GET / 200\n"


def test_a_stream_closed_under_the_handler_makes_no_error():
    """At exit the output may close before the handler's thread flushes."""
    stream, handler = _buffered(3600)
    handler.write_line("GET / 200", logging.INFO)
    stream.close()
    handler.flush()  # no "I/O operation on closed file" from the flushing thread
    handler.flush()


def test_zero_seconds_writes_each_line_at_once():
    stream, handler = _buffered(0)
    handler.write_line("GET / 200", logging.INFO)
    assert stream.getvalue() == "GET / 200\n"


def test_the_request_line_skips_the_record_only_for_the_platforms_own_handler():
    """Configured as in production, the line goes straight to the handler; with a filter
    or another handler on the logger, it is a record as any other."""
    logger = logging.getLogger("eurzad.requests")
    own = [h for h in logger.handlers if isinstance(h.formatter, PreformattedFormatter)]
    saved = list(logger.handlers)
    try:
        logger.handlers = own
        assert _sole_line_handler() is own[0]
        logger.addHandler(logging.NullHandler())
        assert _sole_line_handler() is None
        logger.handlers = own
        logger.addFilter(MaskIdentifiersFilter())
        assert _sole_line_handler() is None
    finally:
        logger.filters.clear()
        logger.handlers = saved


def test_new_request_ids_differ_in_each_process_after_a_fork(towns):
    """Ids come from the process's random generator, which Python reseeds in a child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one id, then out without running the parent's cleanup
        os.write(write, request_id_of(RequestFactory().get("/")).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    parent = request_id_of(RequestFactory().get("/"))
    assert len(child) == len(parent) == 32 and child != parent
    int(child, 16)


def test_a_forked_process_writes_only_its_own_lines():
    """A worker forked from a process holding unwritten lines does not write them again,
    and starts a flushing thread of its own."""
    stream, handler = _buffered(3600)
    handler.write_line("GET / 200 (parent)", logging.INFO)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        child_stream = io.StringIO()
        handler.setStream(child_stream)
        handler.write_line("GET / 200 (child)", logging.INFO)
        started = handler._background.running
        handler.flush()
        os.write(write, f"{started}|{child_stream.getvalue()}".encode())
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 200).decode() == "True|GET / 200 (child)\n"
    handler.flush()
    assert stream.getvalue() == "GET / 200 (parent)\n"
