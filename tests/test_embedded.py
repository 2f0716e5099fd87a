"""With no DATABASE_URL / REDIS_URL, dev settings start embedded services that keep data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis

from eurzad import embedded

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("SHOW server_version")
    version = cursor.fetchone()[0]
print(json.dumps({"db": settings.DATABASE_URL, "redis": settings.REDIS_URL, "version": version}))
"""


@pytest.fixture
def state_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("embedded") / "state"
    yield path
    embedded.stop(path)


@pytest.mark.slow
def test_dev_settings_fall_back_to_embedded_services_that_keep_data(state_dir):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="eurzad.settings.dev", EURZAD_STATE_DIR=str(state_dir))
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert str(state_dir / "postgres") in seen["db"]
    assert seen["version"].startswith("18")
    assert seen["redis"].startswith("redis://127.0.0.1:")

    # The same call from another process reuses the running servers.
    assert embedded.ensure_postgres(state_dir).replace("postgres://", "") in seen["db"]
    assert embedded.ensure_redis(state_dir) == seen["redis"]

    with psycopg.connect(
        embedded.ensure_postgres(state_dir).replace("postgres://", "postgresql://")
    ) as conn:
        conn.execute("CREATE TABLE kept (note text)")
        conn.execute("INSERT INTO kept VALUES ('zostaje')")
    redis.Redis.from_url(seen["redis"]).set("kept", "zostaje")

    embedded.stop(state_dir)
    assert not redis_answers(seen["redis"])

    url = embedded.ensure_postgres(state_dir).replace("postgres://", "postgresql://")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT note FROM kept").fetchone() == ("zostaje",)
    assert redis.Redis.from_url(embedded.ensure_redis(state_dir)).get("kept") == b"zostaje"


def redis_answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.ConnectionError:
        return False
