"""`make test-clean`: drop the test databases that ended test runs left behind (a run
killed before its end keeps its ``test_<database>_<run id>``). A database still in use,
or named after the pid of a live process, belongs to a running run and is kept."""

from __future__ import annotations

import os

import django


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
            if run.isdigit() and _alive(int(run)):
                print(f"kept {name}: its run (pid {run}) is still going")
                continue
            try:
                cursor.execute(f'DROP DATABASE "{name}"')
            except DatabaseError as error:
                print(f"kept {name}: {str(error).strip()}")
            else:
                print(f"dropped {name}")
    if not names:
        print(f"no test_{database}_* databases left behind")


if __name__ == "__main__":
    main()
