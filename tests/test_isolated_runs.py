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

from eurzad.isolated_runs import (
    RUN_VARIABLE,
    WAIT_VARIABLE,
    database_name_for,
    is_run_database,
)
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
    env[WAIT_VARIABLE] = "0"
    other = subprocess.run(
        [sys.executable, "-c", "from eurzad.isolated_runs import redis_db_base; import sys;"
         f"print(redis_db_base(sys.argv[1], {settings.TEST_REDIS_DB_BASE}))", settings.REDIS_URL],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if other.returncode:  # other runs hold every other block: it did not take ours either
        assert "in use by another test run" in other.stderr
        return
    base = int(other.stdout)
    mine = set(range(settings.TEST_REDIS_DB_BASE, settings.TEST_REDIS_DB_BASE + 3))
    assert mine.isdisjoint(range(base, base + 3))


def test_only_run_databases_are_recognised_for_cleaning():
    assert is_run_database("test_eurzad_12345", "eurzad")
    assert not is_run_database("test_eurzad", "eurzad")
    assert not is_run_database("eurzad", "eurzad")
    assert not is_run_database("test_eurzad_iso_12345", "eurzad")  # another checkout's


def test_an_xdist_worker_is_a_run_of_its_own_and_its_processes_share_it():
    """A worker inherits its run's names but takes its own id and Redis block (or, when
    other runs hold every block, does not take its run's); a process the worker starts
    keeps the worker's."""
    script = (
        "import os; from eurzad.isolated_runs import redis_db_base, run_id\n"
        "try: block = redis_db_base(os.environ['REDIS_URL'], 10)\n"
        "except RuntimeError: block = 'busy'\n"
        "print(run_id(), block, os.environ.get('TEST_REDIS_DB_RUN'))"
    )
    base = {k: v for k, v in subprocess_env().items() if k != "PYTEST_XDIST_WORKER"}
    mine = str(settings.TEST_REDIS_DB_BASE)
    env = {**base, RUN_VARIABLE: "4242", "PYTEST_XDIST_WORKER": "gw7", WAIT_VARIABLE: "0",
           "TEST_REDIS_DB_BASE": mine, "TEST_REDIS_DB_RUN": "4242"}  # fmt: skip
    run, block, owner = _python(script, env).split()
    assert run == "4242gw7" and block != mine
    if block != "busy":
        assert owner == run
    child = {**env, RUN_VARIABLE: run, "TEST_REDIS_DB_BASE": "13", "TEST_REDIS_DB_RUN": run}
    assert _python(script, child).split()[:2] == [run, "13"]
    assert is_run_database(database_name_for("eurzad", run), "eurzad")


def _python(script: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return done.stdout
