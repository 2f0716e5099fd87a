"""Who may call the integration API: a town's own client, with a right key, from an
allowed address, within its scopes; nothing of one town works on another's host."""

from __future__ import annotations

import hashlib

import pytest
from django_tenants.utils import schema_context

from api.integration.clients import revoke_client, rotate_key
from api.models import ApiClient
from tests.api.integration.helpers import ENDPOINTS, api_client, call
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST


def test_key_is_given_once_and_stored_only_as_a_hash(towns):
    client, key = api_client("glogow", ["finance"])
    prefix, secret = key.split(".")
    assert len(secret) >= 43  # 32 random bytes
    with schema_context("glogow"):
        stored = ApiClient.objects.get(pk=client.pk)
        row = ApiClient.objects.filter(pk=client.pk).values().get()
    assert stored.key_prefix == prefix
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in row.values())


def test_right_key_is_accepted_and_last_use_recorded(towns):
    client, key = api_client("glogow", ["finance"])
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", key).status_code == 200
    with schema_context("glogow"):
        assert ApiClient.objects.get(pk=client.pk).last_used_at is not None


@pytest.mark.parametrize("header", ["ApiKey nonsense", "ApiKey abc.def", "ApiKey", "ApiKey a b"])
def test_malformed_or_unknown_key_is_refused(towns, header):
    response = call(GLOGOW_HOST, "get", "zmiany/wplaty/", None, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("ApiKey")


def test_wrong_secret_of_a_known_prefix_is_refused(towns):
    _client, key = api_client("glogow", ["finance"])
    prefix = key.split(".")[0]
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", f"{prefix}.wrong").status_code == 401


def test_no_key_at_all_is_401(towns):
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", None).status_code == 401


def test_revoked_key_stops_working_at_once(towns):
    client, key = api_client("glogow", ["finance"])
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", key).status_code == 200
    with schema_context("glogow"):
        revoke_client(client)
    answer = call(GLOGOW_HOST, "get", "zmiany/wplaty/", key)
    assert answer.status_code == 401


def test_rotated_key_replaces_the_old_one(towns):
    client, old = api_client("glogow", ["finance"])
    with schema_context("glogow"):
        new = rotate_key(client)
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", old).status_code == 401
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", new).status_code == 200


def test_address_outside_the_allow_list_is_forbidden_even_with_a_right_key(towns):
    _client, key = api_client("glogow", ["finance"], allowed_ips=["10.0.0.0/8", "192.0.2.7"])
    assert (
        call(GLOGOW_HOST, "get", "zmiany/wplaty/", key, remote_addr="10.1.2.3").status_code == 200
    )
    assert (
        call(GLOGOW_HOST, "get", "zmiany/wplaty/", key, remote_addr="192.0.2.7").status_code == 200
    )
    refused = call(GLOGOW_HOST, "get", "zmiany/wplaty/", key, remote_addr="203.0.113.9")
    assert refused.status_code == 403
    assert "adresu IP" in refused.json()["detail"]
    spoofed = call(
        GLOGOW_HOST,
        "get",
        "zmiany/wplaty/",
        key,
        remote_addr="203.0.113.9",
        HTTP_X_FORWARDED_FOR="10.1.2.3",
    )
    assert spoofed.status_code == 403


def test_allow_list_accepts_only_addresses_and_networks(towns):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        api_client("glogow", ["finance"], allowed_ips=["10.0.0.0/33"])
    with pytest.raises(ValidationError):
        api_client("glogow", ["finance"], allowed_ips=["urzad.example"])
    with pytest.raises(ValidationError):
        api_client("glogow", ["podatki"])


@pytest.mark.parametrize(("method", "path", "scope"), ENDPOINTS)
def test_each_endpoint_needs_its_scope(towns, method, path, scope):
    others = [
        s
        for s in (
            "parties",
            "finance",
            "cases",
            "registers",
            "budget",
            "property",
            "access-requests",
            "submissions",
        )
        if s != scope
    ]
    _client, key = api_client("glogow", others)
    answer = call(GLOGOW_HOST, method, path, key)
    assert answer.status_code == 403
    assert scope in answer.json()["detail"]
    _client, key = api_client("glogow", [scope])
    assert call(GLOGOW_HOST, method, path, key).status_code == 200


@pytest.mark.parametrize(("method", "path", "scope"), ENDPOINTS)
def test_glogow_key_finds_nothing_on_zembrzyce_host(towns, method, path, scope):
    _client, key = api_client("glogow")
    assert call(GLOGOW_HOST, method, path, key).status_code == 200
    answer = call(ZEMBRZYCE_HOST, method, path, key)
    assert answer.status_code == 401
