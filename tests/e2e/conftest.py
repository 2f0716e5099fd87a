"""Browser tests: the demo towns served by a real gunicorn process, seen by headless Chromium.

Needs Chromium (Debian: `apt-get install chromium`) and axe-core (`make e2e-deps`, that is
`npm ci --prefix tests/e2e`); without them the browser tests are skipped with that message.
Playwright drives the system Chromium: `playwright install` is never needed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import free_port, stop_process, subprocess_env
from tests.e2e.pages import get
from tests.e2e.policy_watch import WatchedBrowser

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parents[1]
AXE_JS = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDS = 120  # the first request imports the whole application
NPM_CI_SECONDS = 180


@dataclass(frozen=True)
class TownServer:
    port: int
    log: Path

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def base(self) -> str:
        """The platform host, where the simulators answer."""
        return f"http://localhost:{self.port}"

    def log_tail(self, chars: int = 4000) -> str:
        """The end of gunicorn's output (tracebacks of 500s), for failure messages."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _chromium() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = _chromium()
    if path is None:
        pytest.skip(
            f"Browser tests need Chromium at {CHROMIUM} or `chromium` on PATH "
            "(Debian/Ubuntu: apt-get install chromium)."
        )
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from tests/e2e/node_modules; installed once with `npm ci` if npm is here."""
    npm = shutil.which("npm")
    if not AXE_JS.is_file() and npm:
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # then skip, below
            subprocess.run(
                [npm, "ci", "--prefix", str(E2E_DIR), "--no-audit", "--no-fund", "--silent"],
                cwd=ROOT,
                capture_output=True,
                timeout=NPM_CI_SECONDS,
                check=False,
            )
    if not AXE_JS.is_file():
        pytest.skip(
            "Accessibility tests need axe-core in tests/e2e/node_modules: "
            "run `npm ci --prefix tests/e2e` (or `make e2e-deps`)."
        )
    return AXE_JS


def _wait_until_ready(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            status, _ = get(port, "localhost", "/readyz", timeout=SERVER_START_SECONDS)
        except OSError:  # not listening yet
            time.sleep(0.2)
            continue
        if status == 200:
            return
        time.sleep(0.5)
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
    pytest.fail(f"gunicorn did not become ready on /readyz (port {port}):\n{tail}")


@contextlib.contextmanager
def serving_test_database(log: Path, env: dict[str, str] | None = None) -> Iterator[TownServer]:
    """gunicorn serving the test database; both towns answer on <town>.localhost:<port>,
    the simulators (login.gov.pl, ePUAP, e-Doręczenia, podpis zaufany, Przelewy24, PayU) on
    the platform host.
    ``env``: more variables (the fault tests point it at a Redis or a database of theirs)."""
    port = free_port()
    platform_host = f"http://localhost:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "eurzad.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
                "--timeout", str(SERVER_START_SECONDS), "--graceful-timeout", "5",
            ],
            cwd=ROOT,
            env={
                **subprocess_env(),
                "WK_SIMULATOR_URL": f"{platform_host}/symulator-wk",
                "EPUAP_SIMULATOR_URL": f"{platform_host}/symulator-epuap",
                "EDORECZENIA_SIMULATOR_URL": f"{platform_host}/symulator-edoreczenia",
                "PZ_SIMULATOR_URL": f"{platform_host}/symulator-pz",
                "P24_SIMULATOR_URL": f"{platform_host}/symulator-p24",
                "PAYU_SIMULATOR_URL": f"{platform_host}/symulator-payu",
                **(env or {}),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_ready(process, port, log)
        yield TownServer(port, log)
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def town_server(
    chromium_executable, demo_towns, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TownServer]:
    """The towns served over HTTP for the browser tests.

    Asks for Chromium first: without it the tests are skipped before the demo towns are
    seeded and a server is started."""
    with serving_test_database(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[WatchedBrowser]:
    """Headless Chromium, one per test module, with the site's Content-Security-Policy in
    force and what it blocks recorded (tests/e2e/policy_watch.py).

    Playwright's sync API keeps an asyncio loop marked as running in this thread while it
    is started. Django takes that for an async context: it refuses database access (the
    per-test transactions of pytest-django) unless DJANGO_ALLOW_ASYNC_UNSAFE is set, which
    it is for as long as the browser is open, and it opens separate connections for that
    context, closed here before the loop stops (else they would keep the test database
    from being dropped at the end of the session)."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield WatchedBrowser(chromium)
        finally:
            chromium.close()
    finally:
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _no_policy_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """A browser test fails when the site's Content-Security-Policy or Permissions-Policy
    blocked anything on the way (a violation, or the browser rejecting the header)."""
    if "browser" not in request.fixturenames:
        yield
        return
    watched: WatchedBrowser = request.getfixturevalue("browser")
    watched.take_violations()
    yield
    violations = watched.take_violations()
    if violations:
        pytest.fail(
            "The page's policy blocked something:\n" + "\n".join(dict.fromkeys(violations)),
            pytrace=False,
        )
