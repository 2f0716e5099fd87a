"""The mobile part of the OpenAPI description is complete: no generator warnings or
errors for its views, and the whole document is valid OpenAPI 3."""

from __future__ import annotations

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.settings import patched_settings
from drf_spectacular.validation import validate_schema

from tests.api.mobile.helpers import api_client
from tests.conftest import ZEMBRZYCE_HOST

MOBILE_VIEWS = "api/mobile/"


def only_the_api(endpoints: list) -> list:
    """The town's URLconf also holds Wagtail's admin API (DRF views outside the v1
    namespace), which the schema of /api/v1/ must leave out."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def test_schema_describes_every_mobile_endpoint_without_warnings(towns):
    GENERATOR_STATS.reset()
    with patched_settings({"PREPROCESSING_HOOKS": [f"{__name__}.only_the_api"]}):
        answer = api_client(ZEMBRZYCE_HOST).get("/api/v1/schema/?format=json")
    assert answer.status_code == 200
    schema = answer.json()
    problems = [
        message
        for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
        if MOBILE_VIEWS in message or "Mobile" in message
    ]
    assert problems == []
    validate_schema(schema)
    paths = [path for path in schema["paths"] if path.startswith("/api/v1/mobile/")]
    for expected in (
        "pair/", "device/", "town/", "news/", "alerts/", "services/", "me/", "obligations/",
        "obligations/{obligation_id}/", "balances/", "payments/", "payments/{payment_id}/",
        "payments/intents/{intent_id}/", "cases/", "cases/{case_id}/", "notifications/",
        "notifications/read/", "notifications/unread-count/", "forms/", "forms/{form_slug}/",
        "forms/{form_slug}/applications/", "applications/", "applications/{application_id}/",
        "applications/{application_id}/files/",
        "applications/{application_id}/files/{file_token}/",
        "applications/{application_id}/documents/{document_id}/",
        "applications/{application_id}/submit/", "applications/{application_id}/fee-payment/",
    ):  # fmt: skip
        assert f"/api/v1/mobile/{expected}" in paths
    pair = schema["paths"]["/api/v1/mobile/pair/"]["post"]
    assert pair["security"] == [{}] or "security" not in pair or pair["security"] == []
    me = schema["paths"]["/api/v1/mobile/me/"]["get"]
    assert me["security"], "resident endpoints declare the Bearer device token"
