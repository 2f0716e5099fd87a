"""Redis behind Sentinel: a real Sentinel (redis-server --sentinel) watching the test
Redis; the cache and the Celery broker find the master through it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from kombu import Connection

from eurzad.core.redis_sentinel import SentinelRedisCache
from eurzad.settings.services import parse_sentinels, service_settings
from tests.conftest import free_port

MASTER = "eurzad-test"


@pytest.fixture(scope="module")
def sentinel() -> Iterator[str]:
    server = shutil.which("redis-server")
    location = settings.CACHES["default"]["LOCATION"]
    if server is None or not location.startswith("redis://"):
        pytest.skip("needs redis-server and the tests' Redis on TCP (not the embedded one)")
    redis_host, redis_port = (
        settings.CACHES["default"]["LOCATION"].split("//")[1].split("/")[0].split(":")
    )
    port = free_port()
    folder = Path(f"/tmp/eurzad-sentinel-{port}")
    folder.mkdir(exist_ok=True)
    config = folder / "sentinel.conf"
    config.write_text(
        f"port {port}\nbind 127.0.0.1\ndir {folder}\n"
        f"sentinel monitor {MASTER} {redis_host} {redis_port} 1\n"
    )
    process = subprocess.Popen([server, str(config), "--sentinel"], stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def test_sentinel_addresses_are_parsed_and_checked():
    assert parse_sentinels("s1:26379, s2:26380") == [("s1", 26379), ("s2", 26380)]
    with pytest.raises(ValueError):
        parse_sentinels("s1")


def test_cache_finds_the_master_through_sentinel(sentinel):
    db = settings.TEST_REDIS_DB_BASE
    cache = SentinelRedisCache(
        f"sentinel://{sentinel}",
        {"OPTIONS": {"sentinels": sentinel, "master": MASTER, "db": db}},
    )
    key = f"sentinel-probe-{uuid.uuid4().hex}"
    cache.set(key, {"zł": 1}, 30)
    try:
        assert cache.get(key) == {"zł": 1}
    finally:
        cache.delete(key)


def test_celery_gets_sentinel_urls_that_reach_the_broker(sentinel):
    db = settings.TEST_REDIS_DB_BASE
    derived = service_settings(
        "postgres://u@h/d", "", conn_max_age=0, cache_db=db, broker_db=db + 1,
        results_db=db + 2, sentinels=sentinel, sentinel_master=MASTER,
    )  # fmt: skip
    assert derived["CELERY_BROKER_URL"] == f"sentinel://{sentinel}"
    assert derived["CELERY_BROKER_TRANSPORT_OPTIONS"]["master_name"] == MASTER
    with Connection(
        derived["CELERY_BROKER_URL"],
        transport_options=derived["CELERY_BROKER_TRANSPORT_OPTIONS"],
    ) as connection:
        connection.ensure_connection(max_retries=3)
        assert connection.connected


def test_sentinels_without_a_master_name_are_refused():
    with pytest.raises(ValueError):
        service_settings("postgres://u@h/d", "", conn_max_age=0, cache_db=1, broker_db=2,
                         results_db=3, sentinels="127.0.0.1:26379")  # fmt: skip
