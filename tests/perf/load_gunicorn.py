"""Requests/s of the demo through gunicorn under concurrent connections (wrk).

Run from a checkout (``--root``, this one by default), against a PostgreSQL and a Redis of
your own; it needs ``wrk`` (Debian: ``apt-get install wrk``)::

    .venv/bin/python tests/perf/load_gunicorn.py \\
        --database-url postgres://postgres@127.0.0.1:5432/eurzad_load \\
        --workers 2 --threads 4 --connections 16 --duration 20

It creates the database if it is missing, migrates it and seeds the two demo towns
(idempotent), opens a session for a resident of Zembrzyce (Jan Kowalski's account, as
his first login would), starts gunicorn with the chosen workers and threads, checks that
each page answers 200 with the page it names (never a login redirect or an error page),
then lets wrk load each page in turn and prints requests/s, latency percentiles and
errors. The resident pages, and the catalogue search, are uncached (a logged-in resident
is never served from the page cache); the anonymous home page is the cached reference.

To compare two revisions on one machine, run the same command with ``--root`` pointing at
a checkout of each (``git worktree add /tmp/before <rev>``); the script itself only
drives them. Results also go to ``<state dir>/bench/load-<label>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TOWN_HOST = "zembrzyce.localhost"
JAN_PESEL = "44051401359"
# (path, logged in, a text the right answer contains)
PAGES = [
    ("/", False, "Gmina Zembrzyce"),
    ("/konto/", True, "Mój e-Urząd"),
    ("/konto/zobowiazania/", True, "Zobowiązania"),
    ("/konto/sprawy/", True, "Sprawy"),
    ("/katalog-uslug/?q=podatek", True, "podat"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=20, help="seconds per page")
    parser.add_argument("--label", default="")
    parser.add_argument("--pages", default="", help="comma-separated subset of the paths")
    return parser.parse_args()


def environment(args: argparse.Namespace) -> dict[str, str]:
    root = str(args.root.resolve())
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "eurzad.settings.dev",
            "PYTHONPATH": os.pathsep.join([root, os.path.join(root, "platform")]),
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "EURZAD_STATE_DIR": os.path.join(root, ".eurzad", "load"),
            "LOG_LEVEL": "INFO",  # the request line on, as in production
            "DEBUG": "0",
        }
    )
    return env


def ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


PREPARE = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import schema_context
from eurzad.demo.seed import seed_demo
from eurzad.identity.accounts import open_account
from eurzad.parties.models import Party

call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
seed_demo()
with schema_context("zembrzyce"):
    party = Party.objects.get(pesel=%(pesel)r)
    resident = open_account(party, first_name=party.first_name, last_name=party.last_name)
    client = Client(HTTP_HOST=%(host)r)
    client.force_login(resident.user)
    print("SESSION", client.cookies["sessionid"].value)
"""


def prepare(env: dict[str, str], root: Path) -> str:
    """Migrate, seed and log Jan in; the session cookie's value."""
    script = PREPARE % {"pesel": JAN_PESEL, "host": TOWN_HOST}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"preparing the demo failed:\n{result.stderr[-4000:]}")
    [line] = [line for line in result.stdout.splitlines() if line.startswith("SESSION ")]
    return line.split()[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(args: argparse.Namespace, env: dict[str, str], port: int, log: Path):
    command = [
        sys.executable, "-m", "gunicorn", "eurzad.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
        "--threads", str(args.threads), "--graceful-timeout", "5",
    ]  # fmt: skip
    handle = log.open("w")
    process = subprocess.Popen(
        command, cwd=args.root, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=15):
                return process
        except OSError:
            if process.poll() is not None:
                sys.exit(f"gunicorn did not start; see {log}")
            time.sleep(0.5)
    sys.exit("gunicorn does not answer /readyz")


def fetch(port: int, path: str, cookie: str | None) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    request.add_header("Host", TOWN_HOST)
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def run_wrk(args: argparse.Namespace, port: int, path: str, cookie: str | None) -> dict:
    command = [
        "wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.duration}s",
        "--latency", "-H", f"Host: {TOWN_HOST}",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    return {
        "path": path,
        "requests_per_second": requests_per_second,
        "p50": percentiles.get("50", "?"),
        "p99": percentiles.get("99", "?"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0),
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    env = environment(args)
    ensure_database(args.database_url)
    print(f"Preparing {args.root} on {args.database_url} …", flush=True)
    cookie = prepare(env, args.root)
    port = free_port()
    state = Path(env["EURZAD_STATE_DIR"])
    (state / "bench").mkdir(parents=True, exist_ok=True)
    label = args.label or f"w{args.workers}t{args.threads}"
    process = start_gunicorn(args, env, port, state / "bench" / f"gunicorn-{label}.log")
    wanted = set(filter(None, args.pages.split(",")))
    results = []
    try:
        for path, logged_in, marker in PAGES:
            if wanted and path not in wanted:
                continue
            session = cookie if logged_in else None
            for _ in range(3):  # warm every worker's caches a little
                status, body = fetch(port, path, session)
            if status != 200 or marker not in body:
                sys.exit(f"{path}: expected 200 with {marker!r}, got {status}")
            results.append(run_wrk(args, port, path, session))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    print()
    print(f"gunicorn --workers {args.workers} --threads {args.threads}, "
          f"{args.connections} connections, {args.duration} s per page ({args.root})")  # fmt: skip
    print(f"{'page':<32}{'req/s':>9}{'p50':>10}{'p99':>10}{'errors':>8}")
    for row in results:
        print(
            f"{row['path']:<32}{row['requests_per_second']:>9.1f}{row['p50']:>10}"
            f"{row['p99']:>10}{row['errors']:>8} {row['socket_errors']}"
        )
    report = state / "bench" / f"load-{label}.json"
    summary = {"args": vars(args) | {"root": str(args.root)}, "results": results}
    report.write_text(json.dumps(summary, indent=1))
    print(f"\n(also in {report})")


if __name__ == "__main__":
    main()
