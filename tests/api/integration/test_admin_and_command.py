"""The town's e-Urząd administrators manage API clients in the admin (the key shown
once, rotate, revoke); the operator does the same with ``manage.py api_client``."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_context

from api.models import ApiClient
from tests.api.integration.helpers import call
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

ADMINS = "Administratorzy e-Urzędu"
KEY = re.compile(r"[0-9a-f]{12}\.[A-Za-z0-9_-]{43}")


def _administrator(host: str, schema: str):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"adm-api-{schema}", password="x")
        user.groups.add(Group.objects.get(name=ADMINS))
        client.force_login(user)
    return client


FORM = {
    "name": "System podatkowy",
    "source": "podatki",
    "webhook_url": "",
    "scopes": ["finance", "parties"],
    "allowed_ips": "10.0.0.0/8\n192.0.2.7",
    "webhook_secret": "",
}


def test_administrator_creates_a_client_and_sees_the_key_once(towns):
    admin = _administrator(GLOGOW_HOST, "glogow")
    page = admin.post("/admin/api_clients/new/", FORM)
    assert page.status_code == 200
    html = page.content.decode()
    [key] = set(KEY.findall(html))
    assert "no-store" in page["Cache-Control"]
    with schema_context("glogow"):
        client = ApiClient.objects.get(name="System podatkowy")
    assert client.scopes == ["finance", "parties"]
    assert client.allowed_ips == ["10.0.0.0/8", "192.0.2.7"]
    assert client.key_hash == hashlib.sha256(key.split(".")[1].encode()).hexdigest()
    edit = admin.get(f"/admin/api_clients/edit/{client.pk}/").content.decode()
    assert key.split(".")[1] not in edit
    assert "System podatkowy" in admin.get("/admin/api_clients/").content.decode()


def test_administrator_rotates_and_revokes(towns):
    admin = _administrator(GLOGOW_HOST, "glogow")
    old = KEY.findall(
        admin.post("/admin/api_clients/new/", {**FORM, "allowed_ips": ""}).content.decode()
    )[0]
    with schema_context("glogow"):
        client = ApiClient.objects.get(name="System podatkowy")
    url = f"/admin/api_clients/edit/{client.pk}/"
    rotated = admin.post(url, {**FORM, "allowed_ips": "", "rotate_key": "on"})
    [new] = set(KEY.findall(rotated.content.decode()))
    assert new != old
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", old).status_code == 401
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", new).status_code == 200
    assert admin.post(url, {**FORM, "allowed_ips": "", "revoke": "on"}).status_code == 302
    assert call(GLOGOW_HOST, "get", "zmiany/wplaty/", new).status_code == 401


def test_bad_address_in_the_allow_list_is_refused_in_the_form(towns):
    admin = _administrator(GLOGOW_HOST, "glogow")
    page = admin.post("/admin/api_clients/new/", {**FORM, "allowed_ips": "10.0.0.0/33"})
    assert page.status_code == 200
    assert not KEY.findall(page.content.decode())
    with schema_context("glogow"):
        assert not ApiClient.objects.filter(name="System podatkowy").exists()


def test_each_town_administers_only_its_own_clients(towns):
    admin = _administrator(ZEMBRZYCE_HOST, "zembrzyce")
    with schema_context("glogow"):
        theirs = ApiClient(name="Głogowski EZD", scopes=["cases"])
        theirs.new_key()
        theirs.save()
    assert "Głogowski EZD" not in admin.get("/admin/api_clients/").content.decode()


def test_a_resident_or_editor_without_the_group_cannot_manage_clients(towns):
    client = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        user = get_user_model().objects.create_user(username="bez-grupy", password="x")
        client.force_login(user)
    assert client.get("/admin/api_clients/").status_code in (302, 403)


def test_command_creates_lists_and_revokes(towns):
    out = io.StringIO()
    call_command(
        "api_client",
        "--town",
        "glogow",
        "create",
        "--name",
        "EZD",
        "--scopes",
        "cases,registers",
        "--ip",
        "10.0.0.0/8",
        stdout=out,
    )
    [key] = KEY.findall(out.getvalue())
    prefix = key.split(".")[0]
    listing = io.StringIO()
    call_command("api_client", "--town", "glogow", "list", stdout=listing)
    assert prefix in listing.getvalue() and key.split(".")[1] not in listing.getvalue()
    call_command("api_client", "--town", "glogow", "revoke", prefix, stdout=io.StringIO())
    with schema_context("glogow"):
        assert ApiClient.objects.get(key_prefix=prefix).is_revoked
    with pytest.raises(CommandError):
        call_command(
            "api_client",
            "--town",
            "glogow",
            "create",
            "--name",
            "X",
            "--scopes",
            "wszystko",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError):
        call_command("api_client", "--town", "nie-ma", "list", stdout=io.StringIO())
