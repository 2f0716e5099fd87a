"""Prometheus metrics, per town: requests, latency, online payments, failed tasks,
notification deliveries.

Labels are bounded: the town is its schema name (or ``all`` with
``METRICS_PER_TOWN=false``), the view is the URL pattern's name (never the raw path), the
status is its class (2xx…5xx). docs/operators/monitoring.md counts the series.

Under gunicorn with several workers set ``PROMETHEUS_MULTIPROC_DIR`` (an empty folder,
cleared at start): prometheus-client then keeps values in files there and ``/metrics``
adds up every worker's.
"""

from __future__ import annotations

import atexit
import hmac
import ipaddress
import logging
import os
import threading
import weakref
from typing import Any

from celery.signals import task_failure
from django.conf import settings
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

from eurzad.core.background_flush import BackgroundFlush
from eurzad.core.client import client_ip

logger = logging.getLogger(__name__)

UNKNOWN_HOST = "unknown-host"
UNRESOLVED_VIEW = "unresolved"
PAGE_CACHE_VIEW = "page-cache"
NO_ACCESS = "Brak dostępu do metryk (metrics: address not allowed or bad token).\n"

REQUESTS = Counter(
    "eurzad_http_requests",
    "HTTP requests answered, by town (schema), method, status class and view name.",
    ["town", "method", "status", "view"],
)
LATENCY = Histogram(
    "eurzad_http_request_duration_seconds",
    "Time to answer an HTTP request, by town (schema) and view name.",
    ["town", "view"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PAYMENTS = Counter(
    "eurzad_online_payments",
    "Online payments finished, by town (schema) and outcome (succeeded, failed, expired).",
    ["town", "outcome"],
)
TASK_FAILURES = Counter(
    "eurzad_task_failures",
    "Celery tasks that failed (raised), by task name and town (schema).",
    ["task", "town"],
)
NOTIFICATIONS = Counter(
    "eurzad_notification_deliveries",
    "Notification deliveries attempted, by town (schema), channel and outcome.",
    ["town", "channel", "outcome"],
)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
PAYMENT_OUTCOMES = frozenset({"succeeded", "failed", "expired"})


def town_label(schema_name: str | None) -> str:
    """The ``town`` label: the schema, or ``all`` when metrics are aggregated."""
    if not schema_name:
        return UNKNOWN_HOST
    if not settings.METRICS_PER_TOWN and schema_name != "public":
        return "all"
    return schema_name


def current_town() -> str:
    return town_label(getattr(connection, "schema_name", None))


def record_payment(outcome: str, schema_name: str | None = None) -> None:
    """Count one finished online payment of the current (or given) town."""
    if outcome not in PAYMENT_OUTCOMES:
        raise ValueError(f"unknown payment outcome {outcome!r}")
    PAYMENTS.labels(town_label(schema_name) if schema_name else current_town(), outcome).inc()


def record_notification(channel: str, outcome: str) -> None:
    """Count one notification delivery attempt (channel: email/push/…; outcome: sent/failed)."""
    NOTIFICATIONS.labels(current_town(), channel, outcome).inc()


def _view_name(request: HttpRequest, response: HttpResponse) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Answered before URL resolution: from the anonymous page cache, or refused.
        return PAGE_CACHE_VIEW if response.get("X-Page-Cache") == "hit" else UNRESOLVED_VIEW
    return match.view_name or UNRESOLVED_VIEW


class RequestMetrics:
    """Counts and times every request it is given (by
    :class:`eurzad.core.observation.RequestObservationMiddleware`: not the health probes,
    answered before it).

    A request only notes its labels and duration; a thread of the process adds them to
    the series at most ``FLUSH_SECONDS`` later (:mod:`eurzad.core.background_flush`), and
    ``/metrics`` adds this process's at once before answering. prometheus-client takes a
    lock for every count and duration, which a cached page measurably pays. The labelled
    series are looked up once per label set and kept (the labels are bounded, see the
    module's docstring)."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, str, str, str], tuple[Any, Any]] = {}
        self._pending: list[tuple[tuple[str, str, str, str], float]] = []
        self._lock = threading.Lock()
        self._background = BackgroundFlush(
            self.flush, FLUSH_SECONDS, "request-metrics-flush", forget=self._pending.clear
        )
        _request_metrics.add(self)

    def record(self, request: HttpRequest, response: HttpResponse, elapsed: float) -> None:
        """One request answered with ``response`` in ``elapsed`` seconds."""
        try:
            tenant = getattr(request, "tenant", None)
            town = town_label(tenant.schema_name if tenant is not None else None)
            view = _view_name(request, response)
            method = request.method if request.method in _METHODS else "OTHER"
            key = (town, method, f"{response.status_code // 100}xx", view)
            with self._lock:
                self._pending.append((key, elapsed))
            self._background.ensure_running()
        except Exception:  # metrics must never break a request
            logger.exception("could not record request metrics")

    def flush(self) -> None:
        """Add the requests noted so far to their series."""
        with self._lock:
            pending = list(self._pending)
            self._pending.clear()
        for key, elapsed in pending:
            series = self.series.get(key)
            if series is None:
                series = REQUESTS.labels(*key), LATENCY.labels(key[0], key[3])
                self.series[key] = series
            series[0].inc()
            series[1].observe(elapsed)


#: How long a request may wait to be counted in this process's series.
FLUSH_SECONDS = 1.0
_request_metrics: weakref.WeakSet[RequestMetrics] = weakref.WeakSet()


def flush_request_metrics() -> None:
    """Add every request noted in this process to the series (before ``/metrics``
    answers, and at exit)."""
    for metrics in list(_request_metrics):
        metrics.flush()


atexit.register(flush_request_metrics)


# --- /metrics ---------------------------------------------------------------------------


def registry() -> CollectorRegistry:
    """This process's metrics, or every process's in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def client_allowed(authorization: str, remote_addr: str) -> bool:
    """May this client read metrics: the bearer ``METRICS_TOKEN``, or an address in
    ``METRICS_ALLOWED_IPS``? (``/metrics`` of the web and the worker's exporter alike.)"""
    token = settings.METRICS_TOKEN
    header = authorization
    offered = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    for allowed in settings.METRICS_ALLOWED_IPS:
        try:
            if address in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            logger.warning("METRICS_ALLOWED_IPS: %r is not an address or network", allowed)
    return False


def metrics_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """``/metrics`` on the platform host: for allowed addresses or the bearer token only;
    a town's host never has it (the URL lives in the platform URLconf only)."""
    tenant = getattr(request, "tenant", None)
    if tenant is not None and not tenant.is_platform:
        raise Http404
    # The client's address, not the peer's: behind the ingress the peer is always one of
    # our proxies, whose address would pass an allow-list of the cluster's networks.
    if not client_allowed(request.headers.get("Authorization", ""), client_ip(request) or ""):
        return HttpResponse(
            NO_ACCESS,
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    flush_request_metrics()
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)


# --- signal receivers -------------------------------------------------------------------


def count_completed_payment(sender: Any, intent: Any = None, **kwargs: Any) -> None:
    # Sent inside the booking's transaction: count only what commits.
    town = current_town()
    transaction.on_commit(lambda: PAYMENTS.labels(town, "succeeded").inc())


def count_closed_payment(sender: Any, intent: Any = None, status: str = "", **kwargs: Any) -> None:
    outcome = str(status or getattr(intent, "status", ""))
    if outcome in {"failed", "expired"}:
        town = current_town()
        transaction.on_commit(lambda: PAYMENTS.labels(town, outcome).inc())


def task_schema(task: Any) -> str | None:
    """The schema a task ran in: tenant-schemas-celery sends it as the ``_schema_name``
    header (merged into ``task.request`` by the Redis transport)."""
    request = getattr(task, "request", None)
    if request is not None:
        headers = getattr(request, "headers", None) or {}
        schema = headers.get("_schema_name") or getattr(request, "_schema_name", None)
        if schema:
            return str(schema)
    # task_failure is sent before task_postrun restores the schema.
    return getattr(connection, "schema_name", None)


def _count_task_failure(sender: Any = None, **kwargs: Any) -> None:
    name = getattr(sender, "name", None) or "unknown"
    TASK_FAILURES.labels(name, town_label(task_schema(sender))).inc()


def connect_receivers() -> None:
    """Listen to Celery task failures (idempotent; called on import). Payments are
    counted by the receivers the gateways app connects to its own signals
    (``count_completed_payment``, ``count_closed_payment``)."""
    task_failure.connect(_count_task_failure, dispatch_uid="eurzad.metrics.task_failure")


connect_receivers()
