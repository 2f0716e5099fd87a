"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eurzad.core.configuration_doc import render

ROOT = Path(__file__).resolve().parents[1]


def _import_production(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EURZAD_BUILD", "PRIVATE_FILES_DELIVERY"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="eurzad.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


GOOD = {
    "DATABASE_URL": "postgres://eurzad@db.internal:5432/eurzad",
    "REDIS_URL": "redis://redis.internal:6379",
    "SECRET_KEY": "k" * 60,
    "PRIVATE_FILES_DELIVERY": "x-accel",
}


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DATABASE_URL", "DATABASE_URL must point at a PostgreSQL server"),
        ("REDIS_URL", "REDIS_URL must point at a Redis server"),
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("PRIVATE_FILES_DELIVERY", "PRIVATE_FILES_DELIVERY must be x-accel"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _import_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("storage", "delivery", "message"),
    [
        ("s3", "x-accel", "x-accel needs PRIVATE_FILES_STORAGE=filesystem"),
        ("filesystem", "s3", "PRIVATE_FILES_DELIVERY=s3 needs PRIVATE_FILES_STORAGE=s3"),
    ],
)
def test_private_file_delivery_must_fit_the_storage(storage, delivery, message):
    result = _import_production(
        **{**GOOD, "PRIVATE_FILES_STORAGE": storage, "PRIVATE_FILES_DELIVERY": delivery}
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = _import_production(**GOOD)
    assert result.returncode == 0, result.stderr


def test_configuration_doc_lists_every_variable():
    doc = (ROOT / "docs" / "operators" / "configuration.md").read_text(encoding="utf-8")
    assert doc == render(), "run: python manage.py document_settings"


def test_email_url_becomes_smtp_settings():
    from eurzad.settings.services import email_settings

    assert email_settings("smtp://urzad%40gmina.pl:ta%23jne@smtp.gmina.pl:587") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.gmina.pl",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "urzad@gmina.pl",
        "EMAIL_HOST_PASSWORD": "ta#jne",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }
    assert email_settings("smtps://mx.example.pl")["EMAIL_PORT"] == 465
    with pytest.raises(ValueError, match="EMAIL_URL"):
        email_settings("http://example.pl")


def test_production_refuses_simulators():
    result = _import_production(**GOOD, SIMULATORS_ENABLED="true")
    assert result.returncode != 0
    assert "SIMULATORS_ENABLED must be off in production" in result.stderr
