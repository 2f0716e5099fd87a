"""An /api/ address that names no operation is a 404 problem document for every method
(not the town's page tree, where a POST would fail the CSRF check with 403)."""

from __future__ import annotations

import pytest

from tests.conftest import GLOGOW_HOST, host_client


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/integracja/budzet/-5/", "/api/v1/nie-ma/",
                                  "/api/v2/mobile/me/"])  # fmt: skip
def test_an_unknown_api_address_is_a_404_problem(towns, method, path):
    response = getattr(host_client(GLOGOW_HOST), method)(path, content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("/not-found")
