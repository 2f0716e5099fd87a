"""Every request observed once: its id, its line in the request log
(:mod:`eurzad.core.access_log`) and its count and duration in the metrics
(:mod:`eurzad.core.metrics`), from one clock reading either side.

One middleware rather than one for each: a cached page is answered in a few dozen
microseconds, and each layer of Django's middleware chain costs it about one of them
(tests/perf/test_town_page_throughput.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from eurzad.core.access_log import REQUEST_ID_HEADER, RequestLog, request_id_of
from eurzad.core.logging import request_id_var
from eurzad.core.metrics import RequestMetrics
from eurzad.core.requests import TenantRequest

_REQUEST_ID_KEY = REQUEST_ID_HEADER.lower()


class RequestObservationMiddleware:
    """Gives every request an id (the caller's ``X-Request-ID`` or a new one), echoes it in
    the response, and records the request in the log and the metrics. Follows the health
    probes, which are neither logged nor counted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.log = RequestLog()
        self.metrics = RequestMetrics()

    def __call__(self, request: TenantRequest) -> HttpResponse:
        request_id = request_id_of(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            # As Django stores a header (lower-case name -> (name, value)), without its
            # checks on every request: the id is a hex string or matched an ASCII pattern.
            response.headers._store[_REQUEST_ID_KEY] = (REQUEST_ID_HEADER, request_id)
            self.metrics.record(request, response, elapsed)
            self.log.write(request, response.status_code, elapsed)
            return response
        finally:
            request_id_var.reset(token)
