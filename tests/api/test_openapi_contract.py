"""Schemathesis against ``/api/v1/schema/`` of a demo town: generated requests to every
operation (with a paired phone's token and an API client's key, so the authenticated
paths are exercised too) never get a server error, and every answer matches the schema
(status codes, content types, bodies, headers).

Generated values alone would mostly meet 401s and 404s (random ids, a revoked token) and
never check a real answer's body, so the test also:
- pairs the phone of a demo resident who has obligations, payments, cases, register
  entries and notifications, files an online application for him (a form published for
  the test), and sends one known-good request per operation with real ids from the demo
  data (an empty batch for each integration upsert, a new draft of the form);
- exercises ``DELETE /mobile/device/`` (which revokes the token) last;
- counts the answers and fails when an authenticated operation never got past 401/403,
  or a GET never answered 2xx with a body checked against its schema.

The number of examples per operation is bounded (``CONTRACT_EXAMPLES``, default 8) so
this runs in ``make test``; raise it locally for a deeper run. The requests go through
the real WSGI application in this process with the town's Host header, inside the test's
transaction, so nothing generated outlives the test.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eurzad.cases.models import Case
from eurzad.core.simulated_people import PEOPLE
from eurzad.eservices.models import Submission
from eurzad.eservices.queries import documents_of
from eurzad.eservices.services import save_answers, start, submit
from eurzad.finance.models import Obligation, Payment
from eurzad.identity.models import Resident
from eurzad.identity.pin import set_pin
from eurzad.notifications.services import notify
from eurzad.registers.budget.models import BudgetYear
from eurzad.registers.models import Property, RegisterEntry
from tests.api.integration.helpers import api_client as integration_client
from tests.api.mobile.helpers import PIN, paired_token
from tests.eservices.filing import LOGIN
from tests.eservices.forms import published

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
def town_api(towns: Any, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    # Generated traffic must not be throttled into 429s the schema cannot foresee. DRF
    # binds the rates to its throttle class when imported: overriding the setting alone
    # changes nothing.
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES",
                        {scope: "1000000/min" for scope in rates})  # fmt: skip
    cache.clear()
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/", _InTestTransaction(), headers={"Host": HOST}
    )


@pytest.fixture
def credentials(towns: Any) -> dict[str, str]:
    with schema_context("glogow"):
        # Jan Kowalski, a Głogów resident of the demo with data in every section.
        resident = Resident.objects.get(party__pesel=PEOPLE[0].pesel)
        set_pin(resident, PIN)
        notify(resident.user, reason="test", subject="Kontrakt", body="Powiadomienie testowe")
    _client, key = integration_client("glogow")
    return {"device": paired_token("glogow", resident), "key": key}


def _filed_application(resident: Resident) -> Submission:
    """The resident's waste declaration, filed in a login.gov.pl session (in the portal)."""
    form = published("glogow")
    with schema_context("glogow"):
        draft = start(form, resident.party, resident)
        answers = {"metoda": "osoby", "osoby": 2, "kompostownik": "nie", "oswiadczenie": True}
        assert save_answers(draft, answers).errors == {}
        submit(draft, LOGIN)
        return Submission.objects.get(pk=draft.pk)


@pytest.fixture
def known_good(credentials: dict[str, str]) -> dict[str, dict[str, Any]]:
    """One request per operation that should succeed: real ids of the demo data."""
    with schema_context("glogow"):
        resident = Resident.objects.select_related("party").get(party__pesel=PEOPLE[0].pesel)
    filed = _filed_application(resident)
    with schema_context("glogow"):
        party = resident.party
        document = documents_of(filed)[0]
        entry = RegisterEntry.objects.filter(definition__is_public=True).first()
        ids = {
            "obligation_id": Obligation.objects.filter(party=party).first().pk,
            "payment_id": Payment.objects.filter(party=party).first().pk,
            "case_id": Case.objects.filter(party=party).first().pk,
            "id": Property.objects.filter(published=True).first().pk,
            "year": BudgetYear.objects.order_by("year").first().year,
            "slug": entry.definition.slug,
            "number": entry.number,
            "form_slug": filed.form.slug,
            "application_id": filed.pk,
            "document_id": document.id,
            "submission_id": filed.pk,
            "file_id": document.id,
        }
    return {"path": ids, "upsert": {"items": []}, "mark_read": {}}


def _known_good_case(operation: Any, data: dict[str, dict[str, Any]]) -> Any | None:
    names = [p.name for p in operation.path_parameters]
    if any(name not in data["path"] for name in names):
        return None  # e.g. a payment intent or push token: none exist in the demo
    path = {name: data["path"][name] for name in names}
    if operation.path.startswith("/api/v1/integracja/") and operation.method.upper() == "POST":
        if operation.path.startswith("/api/v1/integracja/budzet/"):
            path["year"] = 2031  # the budget upsert takes a year of its range (2000–2100)
        return operation.Case(path_parameters=path, body=data["upsert"],
                              media_type="application/json")  # fmt: skip
    if operation.path == "/api/v1/mobile/notifications/read/":
        return operation.Case(body=data["mark_read"], media_type="application/json")
    if operation.path == "/api/v1/mobile/forms/{form_slug}/applications/":
        return operation.Case(path_parameters=path)  # a new draft of the form
    if operation.method.upper() != "GET":
        return None
    return operation.Case(path_parameters=path)


def _label(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


def _authenticated(operation: Any) -> bool:
    return operation.path.startswith("/api/v1/integracja/") or (
        operation.path.startswith("/api/v1/mobile/") and operation.path not in PUBLIC_MOBILE_PATHS
    )


# Path parameters naming things the demo data has none of (a started online payment).
NOT_IN_THE_DEMO = {"intent_id"}
PUBLIC_MOBILE_PATHS = {
    "/api/v1/mobile/pair/", "/api/v1/mobile/town/", "/api/v1/mobile/news/",
    "/api/v1/mobile/alerts/", "/api/v1/mobile/services/", "/api/v1/mobile/forms/",
    "/api/v1/mobile/forms/{form_slug}/",
}  # fmt: skip


def test_the_api_answers_as_its_schema_says(
    town_api: Any, credentials: dict[str, str], known_good: dict[str, dict[str, Any]]
) -> None:
    operations = [result.ok() for result in town_api.get_all_operations()]
    assert len(operations) > 40, "the schema lists the mobile, integration and open data API"
    # Revoking the phone's token would turn every later mobile operation into a 401.
    operations.sort(key=lambda op: _label(op) == "DELETE /api/v1/mobile/device/")
    answers: dict[str, Counter[int]] = defaultdict(Counter)
    failures: list[str] = []
    for operation in operations:
        try:
            _exercise(operation, credentials, known_good, answers[_label(operation)])
        # Collect them all (schemathesis raises exception groups), then fail once.
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{_label(operation)}: {error}")
    failures += _coverage_gaps(operations, answers)
    assert not failures, "\n\n".join(failures)


def _coverage_gaps(operations: list[Any], answers: dict[str, Counter[int]]) -> list[str]:
    """Operations whose credentials never worked, or GETs never answered 2xx."""
    gaps = []
    for operation in operations:
        label, seen = _label(operation), answers[_label(operation)]
        if _authenticated(operation) and not set(seen) - {401, 403}:
            gaps.append(f"{label}: only {dict(seen)}: the credentials never worked")
        unknown = {p.name for p in operation.path_parameters} & NOT_IN_THE_DEMO
        ok = any(200 <= code < 300 for code in seen)
        if operation.method.upper() == "GET" and not ok and not unknown:
            gaps.append(f"{label}: never a 2xx answer to check ({dict(seen)})")
    return gaps


def _exercise(operation: Any, credentials: dict[str, str],
              known_good: dict[str, dict[str, Any]], answers: Counter[int]) -> None:  # fmt: skip
    headers = {"Host": HOST}
    if operation.path.startswith("/api/v1/mobile/"):
        headers["Authorization"] = f"Bearer {credentials['device']}"
    elif operation.path.startswith("/api/v1/integracja/"):
        headers["Authorization"] = f"ApiKey {credentials['key']}"

    def call(case: Any) -> None:
        # Schemathesis generates an Authorization header from the security schemes; left
        # alone it replaces ours and most "authenticated" requests carry a random key.
        case.headers = {**(case.headers or {}), **headers}
        response = case.call_and_validate(base_url=f"http://{HOST}", headers=headers,
                                          checks=CHECKS)  # fmt: skip
        answers[response.status_code] += 1

    if (case := _known_good_case(operation, known_good)) is not None:
        call(case)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case: Any) -> None:
        call(case)

    exercise()
