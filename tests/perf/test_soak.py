"""A 60-second soak with faults: a load generator hits both towns (public pages and a
resident's obligations) through a real gunicorn while Redis is paused, then killed and
started again, PostgreSQL is stopped and started again, and the Celery worker is killed
and replaced; meanwhile notifications keep being written and must all go out. Reports
errors, latency percentiles per phase and what caught up (``make soak``).

The database is a PostgreSQL of the soak's own holding a copy of the test database
(:mod:`tests.faults.postgres_cluster`), so that restarting it stalls no other test."""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests
from django.db import connection
from django_tenants.utils import schema_context

from eurzad.core.models import OutboxTask
from eurzad.identity.accounts import open_account
from eurzad.notifications.models import Notification
from eurzad.parties.models import Party
from tests.conftest import (
    GLOGOW_HOST,
    ROOT,
    ZEMBRZYCE_HOST,
    celery_worker,
    stop_process,
    subprocess_env,
)
from tests.e2e.conftest import TownServer, serving_test_database
from tests.e2e.login import JAN_PESEL
from tests.faults.conftest import RedisProcess
from tests.faults.postgres_cluster import copy_of_the_test_database
from tests.finance.payments_factories import session_cookie

pytestmark = [pytest.mark.soak, pytest.mark.slow]

SECONDS = 60
THREADS = 8
PAGES = {
    ZEMBRZYCE_HOST: ["/", "/katalog-uslug/", "/katalog-uslug/?q=podatek", "/rejestry/"],
    GLOGOW_HOST: ["/", "/katalog-uslug/", "/budzet/", "/rejestry/"],
}
#: (from second, to second, phase): what is broken when.
PHASES = [
    (0, 10, "healthy"),
    (10, 20, "redis paused"),
    (20, 25, "healthy"),
    (25, 32, "redis killed"),
    (32, 40, "healthy"),
    (40, 45, "database restart"),
    (45, 50, "healthy"),
    (50, 60, "worker killed"),
]


def _phase(second: float) -> str:
    return next(name for start, end, name in PHASES if start <= second < end)


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, phase: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[phase].append(seconds)
            self.statuses[phase][status] += 1


@pytest.fixture(scope="module")
def world(demo_towns, tmp_path_factory, django_db_blocker) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    redis = RedisProcess(tmp_path_factory.mktemp("soak-redis"))
    redis.start()
    log = tmp_path_factory.mktemp("soak-gunicorn") / "gunicorn.log"
    with django_db_blocker.unblock(), schema_context("zembrzyce"):
        jan = open_account(
            Party.objects.get(pesel=JAN_PESEL), first_name="Jan", last_name="Kowalski"
        )
        cookie = session_cookie("zembrzyce", jan)  # before the copy: the copy has it
    try:
        with (
            django_db_blocker.unblock(),
            copy_of_the_test_database(connection.settings_dict) as database,
        ):
            env = {
                "REDIS_URL": redis.url,
                "REDIS_TIMEOUT_MS": "250",
                "REDIS_BREAKER_OPEN_SECONDS": "2",
                "DATABASE_URL": database.url,
                "CELERY_VISIBILITY_TIMEOUT": "5",
                "CELERY_RESTORE_UNACKED_SECONDS": "1",
            }
            with serving_test_database(log, env=env) as server:
                yield {
                    "redis": redis,
                    "database": database,
                    "env": env,
                    "server": server,
                    "jan": jan,
                    "cookie": cookie,
                }
    finally:
        redis.stop()


def _load(
    server: TownServer,
    cookie: str,
    started: float,
    results: Results,
    stop: threading.Event,
    offset: int,
) -> None:
    session = requests.Session()
    targets = [(host, path, None) for host, paths in PAGES.items() for path in paths]
    targets.append((ZEMBRZYCE_HOST, "/konto/zobowiazania/", cookie))
    index = offset
    while not stop.is_set():
        host, path, session_key = targets[index % len(targets)]
        index += 1
        cookies = {"sessionid": session_key} if session_key else {}
        began = time.monotonic()
        try:
            status = session.get(
                f"http://127.0.0.1:{server.port}{path}",
                headers={"Host": f"{host}:{server.port}"},
                cookies=cookies, allow_redirects=False, timeout=15,
            ).status_code  # fmt: skip
        except requests.RequestException:
            status = 0
        results.record(_phase(began - started), status, time.monotonic() - began)


def _writer(env: dict[str, str], user_id: int) -> subprocess.Popen:
    """The office's work: a notification with an e-mail every second, on the soak's
    database, through the restart (:mod:`tests.perf.soak_writer`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.perf.soak_writer", "zembrzyce", str(user_id), str(SECONDS)],
        cwd=ROOT, env={**subprocess_env(), **env}, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


def _relay_every_second(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "relay_outbox", "--every", "1"], cwd=ROOT,
        env={**subprocess_env(), **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_sixty_seconds_of_load_with_faults(world) -> None:  # type: ignore[no-untyped-def]
    server, redis, database, env = world["server"], world["redis"], world["database"], world["env"]
    results, stop = Results(), threading.Event()
    relay = _relay_every_second(env)
    worker_args = ("--pool", "threads", "--concurrency", "2")
    worker = celery_worker(*worker_args, env=env)
    first_worker = worker.__enter__()
    second = None
    started = time.monotonic()
    writer = _writer(env, world["jan"].user_id)
    threads = [
        threading.Thread(target=_load, args=(server, world["cookie"], started, results, stop, n))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    try:
        for at, action in [
            (10, redis.pause), (20, redis.resume), (25, redis.kill), (32, redis.start),
            (40, database.stop), (45, database.start), (50, first_worker.kill),
        ]:  # fmt: skip
            time.sleep(max(0, at - (time.monotonic() - started)))
            action()
        first_worker.wait(timeout=10)
        second = celery_worker(*worker_args, env=env)
        second.__enter__()
        time.sleep(max(0, SECONDS - (time.monotonic() - started)))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        worker.__exit__(None, None, None)
    output, _ = writer.communicate(timeout=60)
    written = [int(line) for line in output.split()]

    # Catching up: every notification written during the soak is e-mailed, once.
    notifications = f'"zembrzyce"."{Notification._meta.db_table}"'
    not_yet = f"SELECT count(*) FROM {notifications} WHERE id = ANY(%s) AND emailed_at IS NULL"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and database.scalar(not_yet, [written]):
        time.sleep(1)
    caught_up_in = time.monotonic() - started - SECONDS
    emailed, failed_attempts = database.query(
        f"SELECT count(*), coalesce(sum(email_attempts), 0) FROM {notifications} "
        "WHERE id = ANY(%s) AND emailed_at IS NOT NULL",
        [written],
    )[0]
    waiting = database.scalar(
        f"SELECT count(*) FROM {OutboxTask._meta.db_table} WHERE sent_at IS NULL AND task LIKE %s",
        ["%deliver_emails"],
    )
    if second is not None:
        second.__exit__(None, None, None)
    stop_process(relay)

    print(f"\nSoak: {SECONDS} s, {THREADS} clients, both towns")
    print(f"{'phase':<16} {'requests':>8} {'p50 ms':>7} {'p99 ms':>7}  statuses")
    for phase in dict.fromkeys(name for _start, _end, name in PHASES):
        times = sorted(results.latencies[phase])
        if not times:
            continue
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        p50 = statistics.median(times)
        statuses = dict(results.statuses[phase])
        print(f"{phase:<16} {len(times):>8} {p50 * 1000:>7.0f} {p99 * 1000:>7.0f}  {statuses}")
    print(
        f"notifications written {len(written)}, e-mailed {emailed} "
        f"({failed_attempts} failed attempts), all by {caught_up_in:.1f} s after the soak; "
        f"outbox waiting {waiting}"
    )

    for phase, statuses in results.statuses.items():
        allowed = {200, 302} | ({503} if phase in {"database restart", "healthy"} else set())
        assert set(statuses) <= allowed, (phase, dict(statuses), server.log_tail())
    healthy = results.statuses["healthy"]
    # 503s only just after the restart
    assert healthy[503] <= sum(healthy.values()) * 0.02, dict(healthy)
    assert results.statuses["redis paused"][200] > 0 and results.statuses["redis killed"][200] > 0
    assert emailed == len(written) > 30
    assert waiting == 0
