"""gunicorn settings read from the working directory (the image's /app, the repository in
development). Only what the platform needs beyond the command line: Prometheus
multiprocess mode when ``PROMETHEUS_MULTIPROC_DIR`` is set (docs/operators/monitoring.md),
and the loaded application kept out of the garbage collector's way."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path
from typing import Any

_METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server: Any) -> None:
    # The folder must start empty: files of a previous run would be added up again.
    if _METRICS_DIR:
        shutil.rmtree(_METRICS_DIR, ignore_errors=True)
        Path(_METRICS_DIR).mkdir(parents=True, exist_ok=True)


def post_worker_init(worker: Any) -> None:
    # Once the worker has loaded the application (Django, Wagtail, the compiled
    # templates: objects that live as long as the process), collect and freeze what is
    # there, so that the collector's passes during requests scan only what requests
    # allocate (the Python documentation's advice for servers, gc.freeze).
    gc.collect()
    gc.freeze()


def child_exit(server: Any, worker: Any) -> None:
    if _METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
