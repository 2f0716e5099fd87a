"""The database going away under a running gunicorn and coming back: requests that need
it get a clear 503 page (and a payment gateway a status it retries), and service comes
back without restarting anything."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from django.db import connection

from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST
from tests.e2e.conftest import TownServer, serving_test_database
from tests.faults.tcp_proxy import TcpProxy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def database_proxy(demo_towns) -> Iterator[TcpProxy]:  # type: ignore[no-untyped-def]
    db = connection.settings_dict
    if str(db["HOST"]).startswith("/"):
        pytest.skip("the test database is on a Unix socket; the proxy speaks TCP")
    proxy = TcpProxy((str(db["HOST"] or "127.0.0.1"), int(db["PORT"] or 5432)))
    proxy.start()
    yield proxy
    proxy.cut()


@pytest.fixture(scope="module")
def server(database_proxy: TcpProxy, tmp_path_factory) -> Iterator[TownServer]:  # type: ignore[no-untyped-def]
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@127.0.0.1:{database_proxy.port}/{db['NAME']}"
    log = tmp_path_factory.mktemp("db-outage") / "gunicorn.log"
    with serving_test_database(log, env={"DATABASE_URL": url}) as running:
        yield running


def _get(server: TownServer, host: str, path: str) -> requests.Response:
    return requests.get(
        f"http://127.0.0.1:{server.port}{path}",
        headers={"Host": f"{host}:{server.port}"},
        allow_redirects=False,
        timeout=30,
    )


def _post(server: TownServer, host: str, path: str, body: bytes) -> requests.Response:
    return requests.post(
        f"http://127.0.0.1:{server.port}{path}",
        data=body,
        headers={"Host": f"{host}:{server.port}", "Content-Type": "application/json"},
        timeout=30,
    )


def test_without_the_database_pages_answer_503_and_service_returns_without_a_restart(
    server, database_proxy
):
    for host in (ZEMBRZYCE_HOST, GLOGOW_HOST):
        assert _get(server, host, "/katalog-uslug/").status_code == 200
    database_proxy.cut()
    try:
        # An address no cache holds: the page needs the database.
        down = _get(server, ZEMBRZYCE_HOST, "/katalog-uslug/?q=ratusz-w-czasie-awarii")
        assert down.status_code == 503, server.log_tail()
        assert down.headers["Retry-After"] == "5"
        assert "Serwis jest chwilowo niedostępny" in down.text
        assert "Traceback" not in down.text
        # The gateway is told to send its notification again.
        notified = _post(server, ZEMBRZYCE_HOST, "/platnosci/przelewy24/powiadomienie/", b"{}")
        assert notified.status_code == 503
        assert _get(server, PLATFORM_HOST, "/healthz").status_code == 200
        ready = _get(server, PLATFORM_HOST, "/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["database"] is False
    finally:
        database_proxy.start()
    deadline = time.monotonic() + 30
    answers: list[int] = []
    while time.monotonic() < deadline:  # the same processes, new connections
        answers = [
            _get(server, host, "/katalog-uslug/?q=po-awarii").status_code
            for host in (ZEMBRZYCE_HOST, GLOGOW_HOST)
        ]
        if answers == [200, 200]:
            break
        time.sleep(0.5)
    assert answers == [200, 200], server.log_tail()
    assert _get(server, PLATFORM_HOST, "/readyz").status_code == 200
