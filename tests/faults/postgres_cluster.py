"""A PostgreSQL server of a test's own, which the test may stop and start again.

The suite's database server is shared by every test (and by the other xdist worker), so a
test that restarts PostgreSQL needs a server nobody else uses: :class:`PostgresCluster`
makes one with ``initdb`` in a temporary folder, on a free port, and copies the test
database into it (``pg_dump`` / ``pg_restore``), so both towns are there as the suite
seeded them. The programs are those of the installation that serves the suite: Debian's
``/usr/lib/postgresql/<major>/bin`` for a server on TCP, the embedded harness's own for
the embedded server (on a Unix socket).

PostgreSQL refuses to run as root; as root the server runs as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg

from tests.conftest import free_port

DATABASE = "eurzad_restart"
SERVER_USER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL programs, or no unprivileged user to run them as."""


def _bin_dir(suite_host: str) -> Path:
    if suite_host.startswith("/"):
        from eurzad.embedded import postgres_bin_dir

        return Path(postgres_bin_dir())
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ClusterUnavailable("no initdb: install PostgreSQL (Debian: postgresql)")


class PostgresCluster:
    """``initdb`` + ``pg_ctl`` in a folder of its own; :meth:`stop` and :meth:`start` are
    the restart the test makes."""

    def __init__(self, suite_host: str) -> None:
        self.bin = _bin_dir(suite_host)
        self.port = free_port()
        self.as_user: list[str] = []
        self.folder = Path(tempfile.mkdtemp(prefix="eurzad-pg-"))
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(SERVER_USER)
            except KeyError as missing:
                raise ClusterUnavailable("running as root and no 'postgres' user") from missing
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", SERVER_USER, "--"]
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"

    @property
    def url(self) -> str:
        return f"postgres://{SERVER_USER}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, program: str, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            [*self.as_user, str(self.bin / program), *args],
            capture_output=True, text=True, timeout=timeout, cwd=self.folder,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"{program} failed: {done.stderr[-2000:]}\n{self.log_tail()}")

    def initialise(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", SERVER_USER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                "max_connections = 60\n"
            )

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """A fast shutdown, as a restart by the operator or the operator's operator does:
        sessions are ended and their transactions rolled back."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def copy_database(self, source: dict[str, Any]) -> None:
        """The suite's test database (``connection.settings_dict``), as it is now."""
        dump = self.folder / "suite.dump"
        host = str(source["HOST"] or "127.0.0.1")
        address = ["-h", host]
        if not host.startswith("/"):
            address += ["-p", str(source["PORT"] or 5432)]
        subprocess.run(
            [str(self.bin / "pg_dump"), *address, "-U", str(source["USER"]),
             "-d", str(source["NAME"]), "-Fc", "--no-owner", "--no-privileges", "-f", str(dump)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        os.chmod(dump, 0o644)
        with psycopg.connect(self._admin_url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
        self._run(
            "pg_restore", "-h", "127.0.0.1", "-p", str(self.port), "-U", SERVER_USER,
            "-d", DATABASE, "--no-owner", "--no-privileges", "-j", "2", str(dump), timeout=600,
        )  # fmt: skip

    def _admin_url(self) -> str:
        return f"postgres://{SERVER_USER}@127.0.0.1:{self.port}/postgres"

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of ``sql`` on the copy (a connection of its own, closed after)."""
        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[object] = ()) -> object:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log.read_text(errors="replace")[-chars:]
        return ""

    def remove(self) -> None:
        if self.running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def copy_of_the_test_database(source: dict[str, Any]) -> Iterator[PostgresCluster]:
    """A running server of the test's own holding a copy of the suite's test database."""
    cluster = PostgresCluster(str(source["HOST"] or ""))
    try:
        cluster.initialise()
        cluster.start()
        cluster.copy_database(source)
        yield cluster
    finally:
        cluster.remove()
