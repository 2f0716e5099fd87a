"""Every integration endpoint is in the OpenAPI description, without generator warnings."""

from __future__ import annotations

from drf_spectacular.drainage import GENERATOR_STATS

from tests.api.integration.helpers import BASE, ENDPOINTS
from tests.conftest import GLOGOW_HOST, host_client


def test_every_endpoint_is_described_with_the_api_key_scheme(towns):
    GENERATOR_STATS.reset()
    answer = host_client(GLOGOW_HOST).get("/api/v1/schema/?format=json")
    assert answer.status_code == 200
    problems = [
        message
        for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
        if "integration" in message or "Upsert" in message or "Feed" in message
    ]
    assert problems == []
    schema = answer.json()
    paths = schema["paths"]
    for method, path, _scope in ENDPOINTS:
        template = (BASE + path).replace("2031", "{year}")
        assert template in paths, template
        operation = paths[template][method]
        assert operation["security"] == [{"ApiKey": []}]
        assert "200" in operation["responses"]
    assert schema["components"]["securitySchemes"]["ApiKey"]["in"] == "header"
    upsert = paths[BASE + "raty/"]["post"]["requestBody"]["content"]["application/json"]
    assert upsert["schema"]["$ref"].endswith("InstallmentsUpsertRequest")
