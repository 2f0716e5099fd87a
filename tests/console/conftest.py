"""Operators and logged-in console clients."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyotp
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from eurzad.core.private_files.town_files import delete_town_files
from tenants.console import api_tokens
from tenants.console.models import LifecycleJob, Operator
from tenants.models import Municipality
from tenants.services import ensure_platform_host

PASSWORD = "operator-haslo-123"


def make_operator(username: str = "operator", *, enrolled: bool = True) -> Operator:
    ensure_platform_host(settings.PLATFORM_DOMAIN)
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    return Operator.objects.create(
        user=user,
        totp_secret=pyotp.random_base32() if enrolled else "",
        totp_confirmed_at=timezone.now() if enrolled else None,
    )


def password_step(operator: Operator) -> Client:
    client = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    response = client.post(
        "/konsola/logowanie/",
        {"username": operator.user.username, "password": PASSWORD},
    )
    assert response.status_code == 302, response.content
    return client


def console_client(operator: Operator) -> Client:
    """Both factors passed (the replay guard is reset: tests log in many times a step)."""
    Operator.objects.filter(pk=operator.pk).update(last_totp_step=0)
    client = password_step(operator)
    code = pyotp.TOTP(operator.totp_secret).now()
    response = client.post("/konsola/logowanie/kod/", {"code": code})
    assert response.status_code == 302 and "/kod/" not in response["Location"]
    return client


def api_client(operator: Operator) -> Client:
    token = api_tokens.issue(operator, "testy").token
    return Client(HTTP_HOST=settings.PLATFORM_DOMAIN, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def operator(towns) -> Operator:
    return make_operator()


JSON = "application/json"
TERYT = "1216012"  # a rural gmina in małopolskie; no demo town has it


@pytest.fixture
def lifecycle(committed_db, settings, tmp_path):
    """An operator, with the test town (TERYT) and its archives cleaned up afterwards."""
    settings.ARCHIVE_ROOT = tmp_path / "archives"
    _remove_operator("operatorka")
    operator = make_operator("operatorka")
    yield operator
    connection.set_schema_to_public()
    LifecycleJob.objects.filter(town_schema__in=("kamienica", "kamienica2")).delete()
    for town in Municipality.objects.filter(teryt=TERYT):
        town.delete(force_drop=True)
    for schema in ("kamienica", "kamienica2"):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        shutil.rmtree(Path(settings.MEDIA_ROOT) / schema, ignore_errors=True)
        delete_town_files(schema)
    _remove_operator("operatorka")


def _remove_operator(username: str) -> None:
    # Raw SQL for the user: the ORM's cascade would look for tenant-only tables
    # (Wagtail's user profiles) in the public schema.
    Operator.objects.filter(user__username=username).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_user WHERE username = %s", [username])
