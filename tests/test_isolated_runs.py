"""Two test runs on one machine never meet: each has its own test database and Redis
databases, and the processes a run starts share them."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from eurzad.isolated_runs import RUN_VARIABLE, database_name_for, is_run_database
from tests.conftest import ROOT, subprocess_env


@pytest.mark.django_db
def test_the_test_database_carries_the_run_id():
    name = connection.settings_dict["NAME"]
    assert settings.TEST_RUN
    assert name.endswith(f"_{settings.TEST_RUN}")
    database = urlsplit(settings.DATABASE_URL).path.lstrip("/")
    assert name == database_name_for(database, settings.TEST_RUN)


def test_processes_the_run_starts_use_its_names():
    env = subprocess_env()
    assert env[RUN_VARIABLE] == settings.TEST_RUN
    assert env["TEST_REDIS_DB_BASE"] == str(settings.TEST_REDIS_DB_BASE)
    assert settings.CACHES["default"]["LOCATION"].endswith(f"/{settings.TEST_REDIS_DB_BASE}")


def test_another_run_takes_other_redis_databases():
    """A second run (a process with no inherited names) cannot lock this run's block."""
    env = {k: v for k, v in os.environ.items() if k not in {RUN_VARIABLE, "TEST_REDIS_DB_BASE"}}
    env["PYTHONPATH"] = subprocess_env()["PYTHONPATH"]
    other = subprocess.run(
        [sys.executable, "-c", "from eurzad.isolated_runs import redis_db_base; import sys;"
         f"print(redis_db_base(sys.argv[1], {settings.TEST_REDIS_DB_BASE}))", settings.REDIS_URL],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    base = int(other.stdout)
    mine = set(range(settings.TEST_REDIS_DB_BASE, settings.TEST_REDIS_DB_BASE + 3))
    assert mine.isdisjoint(range(base, base + 3))


def test_only_run_databases_are_recognised_for_cleaning():
    assert is_run_database("test_eurzad_12345", "eurzad")
    assert not is_run_database("test_eurzad", "eurzad")
    assert not is_run_database("eurzad", "eurzad")
    assert not is_run_database("test_eurzad_iso_12345", "eurzad")  # another checkout's
