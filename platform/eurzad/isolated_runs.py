"""One test run's own names, so that two test runs on one machine never meet.

Each run has an id (``EURZAD_TEST_RUN``, by default the pid of the process that loads the
test settings first). Its test database is ``test_<database>_<run id>``; its Redis
databases are a block of three that the run holds a file lock on for as long as it lives
(the kernel lets go of the lock when the process ends, even when it crashes). Both are put
into the environment, so every process the run starts (gunicorn, Celery workers) uses the
same names. A pytest-xdist worker is a run of its own inside its run: its id is the run's
id and the worker's (``1234gw0``), with its own database and Redis block.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

RUN_VARIABLE = "EURZAD_TEST_RUN"
REDIS_DB_VARIABLE = "TEST_REDIS_DB_BASE"
REDIS_OWNER_VARIABLE = "TEST_REDIS_DB_RUN"  # the run that locked TEST_REDIS_DB_BASE
WAIT_VARIABLE = "TEST_REDIS_WAIT_SECONDS"
XDIST_WORKER_VARIABLE = "PYTEST_XDIST_WORKER"
REDIS_DATABASES = 16  # Redis' default number of databases
DBS_PER_RUN = 3  # cache, Celery broker, Celery results
_RUN_ID = re.compile(r"[a-z0-9]{1,24}")

_held_locks: list[IO[str]] = []


def run_id() -> str:
    """This run's id, set in the environment for the processes the run starts."""
    run = os.environ.setdefault(RUN_VARIABLE, str(os.getpid())).lower()
    worker = os.environ.get(XDIST_WORKER_VARIABLE, "").lower()
    if worker and not run.endswith(worker):  # an xdist worker, not a process it started
        run = os.environ[RUN_VARIABLE] = f"{run}{worker}"
    if not _RUN_ID.fullmatch(run):
        raise ValueError(f"{RUN_VARIABLE} must be 1–24 letters or digits, not {run!r}")
    return run


def database_name_for(database: str, run: str) -> str:
    return f"test_{database}_{run}"


def is_run_database(name: str, database: str) -> bool:
    """Whether ``name`` is a test database some run of ``database`` created."""
    prefix = f"test_{database}_"
    return name.startswith(prefix) and bool(_RUN_ID.fullmatch(name.removeprefix(prefix)))


def redis_db_base(redis_url: str, preferred: int) -> int:
    """The first of this run's three Redis databases: inherited from the process that
    started this one (or set by hand), else the first free block from ``preferred`` on,
    locked for life. When every block is held by other runs, waits for one (up to
    ``TEST_REDIS_WAIT_SECONDS``, 30 minutes by default)."""
    inherited, owner = os.environ.get(REDIS_DB_VARIABLE), os.environ.get(REDIS_OWNER_VARIABLE)
    if inherited and owner in (None, run_id()):  # ours, or given by hand
        return int(inherited)
    server = hashlib.sha256(redis_url.encode()).hexdigest()[:12]
    deadline = time.monotonic() + float(os.environ.get(WAIT_VARIABLE, "1800"))
    said = False
    while True:
        base = _lock_free_block(server, preferred)
        if base is not None:
            os.environ[REDIS_DB_VARIABLE] = str(base)
            os.environ[REDIS_OWNER_VARIABLE] = run_id()
            return base
        if time.monotonic() >= deadline:
            raise RuntimeError(
                f"Every block of {DBS_PER_RUN} Redis databases is in use by another test "
                f"run; wait for one to end or set {REDIS_DB_VARIABLE} yourself."
            )
        if not said:
            print("Every test Redis block is in use by other runs; waiting…", file=sys.stderr)
            said = True
        time.sleep(2)


def _lock_free_block(server: str, preferred: int) -> int | None:
    for base in _candidate_bases(preferred):
        lock = Path(tempfile.gettempdir()) / f"eurzad-test-redis-{server}-{base}.lock"
        handle = lock.open("a", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        _held_locks.append(handle)
        return base
    return None


def _candidate_bases(preferred: int) -> list[int]:
    """Blocks of three databases from ``preferred`` up, then from 3 up (0–2 are the demo's)."""
    upper = range(preferred, REDIS_DATABASES - DBS_PER_RUN + 1, DBS_PER_RUN)
    lower = range(DBS_PER_RUN, preferred - DBS_PER_RUN + 1, DBS_PER_RUN)
    return [*upper, *lower]
