"""`make test-clean`: drop the test databases and files that ended test runs left behind
(a run killed before its end keeps its ``test_<database>_<run id>`` and its folder under
``.eurzad/test-runs/``). A database still in use, or named after the pid of a live
process (an xdist worker's run id is the pid and the worker, ``1234gw0``), belongs to a
running run and is kept."""

from __future__ import annotations

import os
import re
import shutil

import django


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid_of(run: str) -> int | None:
    digits = re.match(r"\d+", run)
    return int(digits.group()) if digits else None


def _still_running(run: str) -> bool:
    pid = _pid_of(run)
    return pid is not None and _alive(pid)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eurzad.settings.test")
    django.setup()
    from django.db import DatabaseError, connection

    from eurzad.isolated_runs import is_run_database

    database = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database ORDER BY datname")
        names = [name for (name,) in cursor.fetchall() if is_run_database(name, database)]
        for name in names:
            run = name.removeprefix(f"test_{database}_")
            if _still_running(run):
                print(f"kept {name}: its run (pid {_pid_of(run)}) is still going")
                continue
            try:
                cursor.execute(f'DROP DATABASE "{name}"')
            except DatabaseError as error:
                print(f"kept {name}: {str(error).strip()}")
            else:
                print(f"dropped {name}")
    if not names:
        print(f"no test_{database}_* databases left behind")
    from django.conf import settings

    runs = settings.TEST_FILES_ROOT.parent
    for folder in sorted(runs.iterdir()) if runs.is_dir() else []:
        if not _still_running(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            print(f"removed the files of run {folder.name}")


if __name__ == "__main__":
    main()
