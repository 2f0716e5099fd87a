"""Measure requests/s of WSGI handlers in this process, interleaved to share any noise."""

from __future__ import annotations

import contextlib
import gc
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings


class KeepTestConnection:
    """Like Django's test client: don't let each request close the test transaction's
    connection (close_old_connections would, since autocommit is off inside it)."""

    def __enter__(self) -> None:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

    def __exit__(self, *exc: object) -> None:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def environ_for(host: str, url: str = "/", **extra: str) -> dict:
    """A GET of ``url`` (path and query string) on ``host``; ``extra`` environ keys on top
    (e.g. ``HTTP_AUTHORIZATION``)."""
    path, _sep, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }


def request_once(
    handler: WSGIHandler, host: str, url: str = "/", **extra: str
) -> tuple[str, bytes]:
    """One GET through ``handler``: the status line and the body."""
    seen: list[str] = []

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        seen.append(status)

    result = handler(environ_for(host, url, **extra), start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return seen[0], body


def request_ok(handler: WSGIHandler, host: str, url: str = "/", **extra: str) -> bytes:
    """A measured request: it must be the answer the benchmark means to measure (a 200,
    never a 429 or an error page that would be faster to produce)."""
    status, body = request_once(handler, host, url, **extra)
    assert status.startswith("200"), (host, url, status)
    return body


class BareHandler(WSGIHandler):
    """Django with no middleware at all and one URLconf with one view."""

    def get_response(self, request):  # type: ignore[no-untyped-def]
        request.urlconf = "tests.perf.bare_urls"
        return super().get_response(request)


def bare_handler() -> WSGIHandler:
    with override_settings(MIDDLEWARE=[]):
        return BareHandler()


class SessionViewHandler(WSGIHandler):
    """The production handler, every middleware included, serving the bare URLconf: the
    floor under every uncached page of a town (routing, session, logging, metrics…)."""

    def get_response(self, request):  # type: ignore[no-untyped-def]
        request.urlconf = "tests.perf.bare_urls"
        return super().get_response(request)


def session_handler() -> WSGIHandler:
    """The baseline of uncached pages: a view that reads one session and runs one query
    (``/session/`` of the bare URLconf), through the same Django handler as the pages."""
    return SessionViewHandler()


def handler_with_middleware(replace: dict[str, str]) -> WSGIHandler:
    """The production stack with some middleware classes swapped for others."""
    from django.conf import settings

    middleware = [replace.get(name, name) for name in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        return WSGIHandler()


def uncached(url: str, n: int) -> str:
    """The same page with a query string the anonymous page cache has not seen: this
    measures the page itself, not the cache in front of it."""
    return f"{url}{'&' if '?' in url else '?'}bench={n}"


def median_ms(run: Callable[[int], object], rounds: int) -> float:
    """Median wall time in ms of ``run(n)`` for n in 0..rounds-1."""
    samples = []
    for n in range(rounds):
        started = time.perf_counter()
        run(n)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


@dataclass
class Result:
    name: str
    requests_per_second: float


def _settle_heap() -> None:
    gc.collect()
    gc.freeze()


def compare(
    cases: dict[str, Callable[[], object]],
    *,
    requests: int | Mapping[str, int] = 2000,
    rounds: int = 11,
    warmup: int | Mapping[str, int] = 200,
) -> dict[str, Result]:
    """Run each case ``requests`` times per round, rounds interleaved; median req/s.
    ``requests`` and ``warmup`` may be given per case (a flow of several requests that
    writes files is run far fewer times than a bare view).

    The heap is first collected and what survives frozen (``gc.freeze``, as a server
    does after loading the app): the collector's passes then cost what the cases
    allocate, not what the benchmarks before them in the same process left behind."""
    _settle_heap()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    counts = {name: _per_case(requests, name) for name in cases}
    for name, case in cases.items():
        for _ in range(_per_case(warmup, name)):
            case()
    for _ in range(rounds):
        for name, case in cases.items():
            started = time.perf_counter()
            for _ in range(counts[name]):
                case()
            samples[name].append(counts[name] / (time.perf_counter() - started))
    return {name: Result(name, statistics.median(values)) for name, values in samples.items()}


def _per_case(value: int | Mapping[str, int], name: str) -> int:
    return value if isinstance(value, int) else value[name]


@dataclass
class Memory:
    """What one run took at its peak, in bytes."""

    traced_peak: int  # Python's own allocations (tracemalloc), above where they were
    rss_growth: int | None  # the process's resident set above where it was (Linux only)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        found = re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE)
    assert found, field
    return int(found.group(1))


def memory_of(prepare: Callable[[], Callable[[], object]]) -> Memory:
    """The peak memory of a run that ``prepare()`` readies (what it does is not counted):
    once under tracemalloc (which counts what Python allocates, not what C libraries do),
    once more for the resident set, without tracemalloc's own cost in it (the peak reset
    through /proc/self/clear_refs first; None where that cannot be done)."""
    run = prepare()
    gc.collect()
    tracemalloc.start()
    try:
        before, _peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        run()
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    run = prepare()
    gc.collect()
    rss_growth = None
    with contextlib.suppress(OSError):
        resident = _status_kb("VmRSS")
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")  # the peak resident set (VmHWM) starts again from now
        run()
        # Memory the process already holds (freed, kept by the allocator) is reused
        # first: the growth is what the run needed beyond it.
        rss_growth = max(_status_kb("VmHWM") - resident, 0) * 1024
    return Memory(peak - before, rss_growth)


def report(title: str, results: dict[str, Result], baseline: str) -> str:
    base = results[baseline].requests_per_second
    lines = [title, f"{'case':<48} {'req/s':>10} {'ratio':>7}"]
    for result in results.values():
        rate, ratio = result.requests_per_second, result.requests_per_second / base
        # Slow cases (a whole flow of requests per second) keep their digits.
        shown_rate = f"{rate:.0f}" if rate >= 100 else f"{rate:.3g}"
        shown_ratio = f"{ratio:.2f}" if ratio >= 0.01 else f"{ratio:.1e}"
        lines.append(f"{result.name:<48} {shown_rate:>10} {shown_ratio:>7}")
    return "\n".join(lines)
