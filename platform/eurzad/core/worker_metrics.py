"""A small Prometheus endpoint inside the Celery worker.

Celery workers count task failures and notification deliveries in their pool processes,
which serve no HTTP. With ``WORKER_METRICS_PORT`` set, the worker's main process serves
``/metrics`` on that port (in a daemon thread) with the same access rule as the web's:
an address in ``METRICS_ALLOWED_IPS`` or the bearer ``METRICS_TOKEN``. Under a prefork
pool set ``PROMETHEUS_MULTIPROC_DIR`` too: the pool processes then keep their values in
files there and the main process adds them up (docs/operators/monitoring.md).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

logger = logging.getLogger(__name__)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        # Scrapes every few seconds would flood the worker's log.
        pass


def metrics_app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """WSGI app answering ``GET /metrics`` for allowed clients."""
    # Imported when first served: this module loads with the Celery app, before Django's
    # settings, and prometheus_client must see PROMETHEUS_MULTIPROC_DIR the worker sets.
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    from eurzad.core.metrics import NO_ACCESS, client_allowed, registry

    if environ.get("PATH_INFO", "") not in {"/metrics", "/metrics/"}:
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Nie ma takiej strony (not found): /metrics only.\n"]
    if not client_allowed(environ.get("HTTP_AUTHORIZATION", ""), environ.get("REMOTE_ADDR", "")):
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
        return [NO_ACCESS.encode()]
    body = generate_latest(registry())
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
    return [body]


def start_exporter(address: str, port: int) -> WSGIServer:
    """Serve ``/metrics`` on ``address:port`` in a daemon thread; returns the server."""
    server = make_server(
        address, port, metrics_app, server_class=_ThreadingServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="metrics-exporter", daemon=True)
    thread.start()
    logger.info("Worker metrics on http://%s:%s/metrics", address, server.server_port)
    return server


def reset_multiprocess_dir() -> None:
    """Empty ``PROMETHEUS_MULTIPROC_DIR`` before the pool starts: files of an earlier run
    would be added up again."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def on_worker_init(**kwargs: Any) -> None:
    """Celery ``worker_init`` (main process, before the pool forks)."""
    from django.conf import settings

    if not settings.WORKER_METRICS_PORT:
        return
    reset_multiprocess_dir()
    start_exporter(settings.WORKER_METRICS_ADDRESS, settings.WORKER_METRICS_PORT)


def on_pool_process_shutdown(pid: int | None = None, **kwargs: Any) -> None:
    """Celery ``worker_process_shutdown``: a pool process ends (recycled or stopping)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())


def connect() -> None:
    """Hook the exporter into the worker's life cycle (called by ``eurzad.celery``)."""
    from celery.signals import worker_init, worker_process_shutdown

    worker_init.connect(on_worker_init, dispatch_uid="eurzad.worker_metrics.init", weak=False)
    worker_process_shutdown.connect(
        on_pool_process_shutdown, dispatch_uid="eurzad.worker_metrics.shutdown", weak=False
    )
