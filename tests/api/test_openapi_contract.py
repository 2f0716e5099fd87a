"""Schemathesis against ``/api/v1/schema/`` of a demo town: generated requests to every
operation (with a paired phone's token and an API client's key, so the authenticated
paths are exercised too) never get a server error, and every answer matches the schema
(status codes, content types, bodies, headers).

The number of examples per operation is bounded (``CONTRACT_EXAMPLES``, default 8) so
this runs in ``make test``; raise it locally for a deeper run. The requests go through
the real WSGI application in this process with the town's Host header, inside the test's
transaction, so nothing generated outlives the test.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.integration.helpers import api_client as integration_client
from tests.api.mobile.helpers import paired_token, resident_with_pin

HOST = "glogow.localhost"
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


class _InTestTransaction:
    """The WSGI application, minus the per-request closing of database connections
    (as Django's test client does): the requests share the test's transaction."""

    def __init__(self) -> None:
        self.application = get_wsgi_application()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return self.application(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture
def town_api(towns: Any, settings: Any) -> Any:
    # Generated traffic must not be throttled into 429s the schema cannot foresee.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        scope: "100000/min" for scope in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    }}  # fmt: skip
    cache.clear()
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/", _InTestTransaction(), headers={"Host": HOST}
    )


@pytest.fixture
def credentials(towns: Any) -> dict[str, str]:
    resident = resident_with_pin("glogow")
    _client, key = integration_client("glogow")
    return {"device": paired_token("glogow", resident), "key": key}


def test_the_api_answers_as_its_schema_says(town_api: Any, credentials: dict[str, str]) -> None:
    operations = [result.ok() for result in town_api.get_all_operations()]
    assert len(operations) > 40, "the schema lists the mobile, integration and open data API"
    failures: list[str] = []
    for operation in operations:
        try:
            _exercise(operation, credentials)
        # Collect them all (schemathesis raises exception groups), then fail once.
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)


def _exercise(operation: Any, credentials: dict[str, str]) -> None:
    headers = {"Host": HOST}
    if operation.path.startswith("/api/v1/mobile/"):
        headers["Authorization"] = f"Bearer {credentials['device']}"
    elif operation.path.startswith("/api/v1/integracja/"):
        headers["Authorization"] = f"ApiKey {credentials['key']}"

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case: Any) -> None:
        case.call_and_validate(base_url=f"http://{HOST}", headers=headers, checks=CHECKS)

    exercise()
