"""Helpers of the integration API tests: a town's API client with a key, and calls to
``/api/v1/integracja/…`` on a town's host with it."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django_tenants.utils import schema_context

from api.integration.clients import create_client
from api.models import ApiClient, Scope

BASE = "/api/v1/integracja/"
ALL_SCOPES = list(Scope.values)

# (method, path, scope) of every endpoint
ENDPOINTS = [
    ("post", "strony/", "parties"),
    ("post", "zobowiazania/", "finance"),
    ("post", "skladniki-zobowiazan/", "finance"),
    ("post", "raty/", "finance"),
    ("post", "wplaty/", "finance"),
    ("post", "rozliczenia/", "finance"),
    ("post", "sprawy/", "cases"),
    ("post", "wpisy-w-rejestrach/", "registers"),
    ("post", "budzet/2031/", "budget"),
    ("post", "mienie/", "property"),
    ("get", "zmiany/wplaty/", "finance"),
    ("get", "zmiany/wnioski-o-dostep/", "access-requests"),
    ("get", "zmiany/wnioski/", "submissions"),
    ("get", "wnioski/", "submissions"),
]


def api_client(
    schema: str, scopes: list[str] | None = None, **options: Any
) -> tuple[ApiClient, str]:
    with schema_context(schema):
        return create_client(
            f"System {schema}", ALL_SCOPES if scopes is None else scopes, **options
        )


def call(
    host: str,
    method: str,
    path: str,
    key: str | None,
    body: Any = None,
    remote_addr: str = "127.0.0.1",
    **meta: str,
) -> Any:
    client = Client(HTTP_HOST=host, REMOTE_ADDR=remote_addr)
    extra = dict(meta)
    if key is not None:
        extra["HTTP_AUTHORIZATION"] = f"ApiKey {key}"
    if method == "get":
        return client.get(BASE + path, **extra)
    data = json.dumps({"items": []} if body is None else body)
    return client.post(BASE + path, data, content_type="application/json", **extra)


def post_items(host: str, path: str, key: str, items: list[dict]) -> Any:
    response = call(host, "post", path, key, {"items": items})
    assert response.status_code == 200, response.content[:2000]
    return response.json()
