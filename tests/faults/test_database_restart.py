"""PostgreSQL itself stopped and started again (``pg_ctl stop -m fast`` … ``start``) under
load, with the town's gunicorn and a Celery worker running on it all along.

The server is one of the test's own (:mod:`tests.faults.postgres_cluster`) holding a copy
of the test database, so that restarting it stalls nobody else. What must be seen:
requests that need the database answer 503 (with Retry-After) while it is down, never a
500 or a traceback; the same processes answer 200 again after it is back; and a payment
notification the gateway sent during the restart (refused with 503) is booked exactly once
when the gateway sends it again, with the resident's e-mail delivered once by the worker
that lived through the restart."""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import count

import pytest
import requests
from django.db import connection

from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.models import Installment, Payment
from eurzad.notifications.models import Notification
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, celery_worker
from tests.e2e.conftest import TownServer, serving_test_database
from tests.faults.conftest import relay, wait_for
from tests.faults.postgres_cluster import PostgresCluster, copy_of_the_test_database
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    HostClient,
    payments_server_fixture,
    world_fixture,
)
from tests.finance.test_gateways_flow import (
    ZEMBRZYCE,
    _post_notification,
    _signed_notification,
    pay_through_simulator,
)

pytestmark = pytest.mark.slow

SCHEMA = "zembrzyce"
DOWN_SECONDS = 3


def _table(model) -> str:  # type: ignore[no-untyped-def]
    return f'"{SCHEMA}"."{model._meta.db_table}"'


class Load:
    """Four clients asking both towns for pages that need the database (a search no cache
    holds) and pages that may come from the cache, counting statuses per phase. A request
    counts in a phase when it began and ended in it; one that crossed from one phase to
    the next (under way when the server went, say) counts as "crossing"."""

    def __init__(self, server: TownServer) -> None:
        self.server = server
        self.phase = "before"
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.numbers = count()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(4)]

    def _run(self, offset: int) -> None:
        session = requests.Session()
        hosts = (ZEMBRZYCE_HOST, GLOGOW_HOST)
        while not self.stopping.is_set():
            n = next(self.numbers)
            host = hosts[(n + offset) % 2]
            path = "/" if n % 3 == 0 else f"/katalog-uslug/?q=restart-{n}"
            began = self.phase
            try:
                status = session.get(
                    f"http://127.0.0.1:{self.server.port}{path}",
                    headers={"Host": f"{host}:{self.server.port}"},
                    allow_redirects=False, timeout=30,
                ).status_code  # fmt: skip
            except requests.RequestException:
                status = 0
            phase = began if self.phase == began else "crossing"
            with self.lock:
                self.statuses[phase][status] += 1

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


@pytest.fixture
def restartable(world, redis_process, tmp_path_factory, django_db_blocker) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    """A debtor and their logged-in session, both made before the copy, on a PostgreSQL of
    the test's own, served by gunicorn with a Celery worker (and a Redis of the test's)."""
    debtor = world.debtor(SCHEMA, ("72.00",))
    client = HostClient(None)  # type: ignore[arg-type]
    client.login(ZEMBRZYCE, SCHEMA, debtor.resident)
    with django_db_blocker.unblock(), copy_of_the_test_database(connection.settings_dict) as db:
        env = {
            "DATABASE_URL": db.url,
            "REDIS_URL": redis_process.url,
            "REDIS_TIMEOUT_MS": "250",
        }
        log = tmp_path_factory.mktemp("db-restart") / "gunicorn.log"
        with serving_test_database(log, env=env) as server:
            client.server = server
            with celery_worker("--pool", "solo", env=env):
                yield {"db": db, "env": env, "server": server, "debtor": debtor, "client": client}


def _page(server: TownServer, host: str, path: str) -> int:
    return requests.get(
        f"http://127.0.0.1:{server.port}{path}",
        headers={"Host": f"{host}:{server.port}"}, allow_redirects=False, timeout=30,
    ).status_code  # fmt: skip


def test_postgresql_restarted_under_load_503_meanwhile_then_full_service_and_nothing_lost(
    restartable, payments_server
):
    db: PostgresCluster = restartable["db"]
    server: TownServer = restartable["server"]
    debtor, client = restartable["debtor"], restartable["client"]
    _client, back = pay_through_simulator(server, debtor, "delayed", client=client)
    assert "Czekamy na potwierdzenie" in back.text, server.log_tail()
    session_id = db.scalar(
        f"SELECT session_id FROM {_table(PaymentIntent)} WHERE party_id = %s", [debtor.party.pk]
    )
    body = _signed_notification(debtor, payments_server, session_id=str(session_id))

    with Load(server) as load:
        time.sleep(2)
        load.phase = "stopping"  # requests under way while the server shuts down
        db.stop()
        load.phase = "down"
        try:
            time.sleep(0.5)  # the pool's connections have seen the server go
            refused = _post_notification(client, server, ZEMBRZYCE, body)
            assert refused.status_code == 503, server.log_tail()  # the gateway will send again
            down = requests.get(
                f"http://127.0.0.1:{server.port}/katalog-uslug/?q=ratusz-w-restarcie",
                headers={"Host": f"{ZEMBRZYCE_HOST}:{server.port}"}, timeout=30,
            )  # fmt: skip
            assert down.status_code == 503 and down.headers["Retry-After"] == "5"
            assert "Serwis jest chwilowo niedostępny" in down.text and "Traceback" not in down.text
            assert _page(server, PLATFORM_HOST, "/healthz") == 200
            assert _page(server, PLATFORM_HOST, "/readyz") == 503
            time.sleep(DOWN_SECONDS)
        finally:
            db.start()
        load.phase = "restarting"
        wait_for(
            lambda: _page(server, ZEMBRZYCE_HOST, "/katalog-uslug/?q=po-restarcie") == 200,
            30, "the town to answer again",
        )  # fmt: skip
        load.phase = "after"
        time.sleep(3)

    statuses = {phase: dict(counted) for phase, counted in load.statuses.items()}
    print(f"\nPostgreSQL restart under load: {statuses}")
    assert set(statuses["before"]) == {200}, statuses
    assert set(statuses.get("stopping", {})) <= {200, 503}, (statuses, server.log_tail())
    assert set(statuses.get("crossing", {})) <= {200, 503}, (statuses, server.log_tail())
    assert set(statuses["down"]) <= {200, 503} and statuses["down"].get(503, 0) > 0, statuses
    assert set(statuses.get("restarting", {})) <= {200, 503}, (statuses, server.log_tail())
    assert set(statuses["after"]) == {200} and statuses["after"][200] > 20, statuses
    assert _page(server, PLATFORM_HOST, "/readyz") == 200

    # Nothing was booked from the refused notification; the gateway sends it again.
    payments = f"SELECT count(*) FROM {_table(Payment)} WHERE party_id = %s"
    assert db.scalar(payments, [debtor.party.pk]) == 0
    again = _post_notification(client, server, ZEMBRZYCE, body)
    assert again.status_code == 200 and again.text == "OK", server.log_tail()
    assert _post_notification(client, server, ZEMBRZYCE, body).status_code == 200  # and again
    assert db.scalar(payments, [debtor.party.pk]) == 1
    paid = db.scalar(
        f"SELECT paid FROM {_table(Installment)} WHERE id = %s", [debtor.installments[0].pk]
    )
    assert paid == Decimal("72.00")

    # The e-mail goes out once, from the worker that was running through the restart.
    emailed = (
        f"SELECT count(*) FROM {_table(Notification)} "
        "WHERE recipient_id = %s AND email_to <> '' AND emailed_at IS NOT NULL"
    )
    relay(restartable["env"])  # anything the broker could not take meanwhile

    def told() -> bool:
        return db.scalar(emailed, [debtor.resident.user_id]) == 1

    wait_for(told, 60, "the resident's e-mail after the restart")
    time.sleep(2)
    assert db.scalar(emailed, [debtor.resident.user_id]) == 1
