"""Real servers for the transfer tests: gunicorn on the test database, the chart's nginx
file server in front of it, and moto's S3-compatible server — each a process of its own on
127.0.0.1, stopped at the end."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.conftest import ROOT, stop_process, subprocess_env

START_SECONDS = 120  # gunicorn's first request imports the whole application
# Debian installs nginx in /usr/sbin, which is not on every user's PATH.
NGINX_PATH = os.pathsep.join([os.environ.get("PATH", os.defpath), "/usr/sbin", "/usr/local/sbin"])


def nginx_binary() -> str | None:
    return shutil.which("nginx", path=NGINX_PATH)


def _answers(url: str, host: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return requests.get(url, headers={"Host": host}, timeout=START_SECONDS).ok
        except requests.ConnectionError:
            return False

    return check


@contextmanager
def _running(
    command: list[str], log: Path, ready: Callable[[], bool], env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                raise RuntimeError(f"{command[0]} did not start:\n{tail}")
            time.sleep(0.2)
        yield process
    finally:
        stop_process(process)


@contextmanager
def gunicorn(port: int, log: Path, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """gunicorn serving the test database (its committed demo towns) on 127.0.0.1:port,
    with ``env`` on top of the test environment."""
    command = [
        sys.executable, "-m", "gunicorn", "eurzad.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
        "--timeout", str(START_SECONDS), "--graceful-timeout", "5",
    ]  # fmt: skip
    ready = _answers(f"http://127.0.0.1:{port}/readyz", "localhost")
    with _running(command, log, ready, {**subprocess_env(), **env}) as process:
        yield process


@contextmanager
def nginx(binary: str, config: str, folder: Path, port: int) -> Iterator[subprocess.Popen]:
    """nginx with ``config`` (the chart's file server), started the way the chart starts
    it: prefix ``folder`` for its pid and temporary files, errors to stderr."""
    (folder / "nginx.conf").write_text(config)
    command = [binary, "-p", f"{folder}/", "-e", "stderr", "-c", str(folder / "nginx.conf")]
    if os.geteuid() == 0:
        # Run as root, nginx would switch its workers to "nobody", who may not read the
        # test's folders; the chart's pods never run as root.
        command += ["-g", f"user {pwd.getpwuid(os.geteuid()).pw_name};"]
    ready = _answers(f"http://127.0.0.1:{port}/_fileserver/healthz", "localhost")
    with _running(command, folder / "nginx.log", ready) as process:
        yield process


@contextmanager
def moto_s3(port: int, log: Path) -> Iterator[str]:
    """moto's standalone server (an S3-compatible store) on 127.0.0.1:port; yields its URL."""
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with _running(command, log, _answers(f"{url}/", "127.0.0.1")):
        yield url
