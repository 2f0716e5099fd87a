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


def _shell(settings_module: str, code: str, **env: str) -> str:
    """What ``manage.py shell -c code`` prints with these settings (stripped)."""
    result = _manage(settings_module, "shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _manage(settings_module: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EURZAD_BUILD", "DEBUG"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


# A key as an operator makes one (check --deploy rejects keys of few distinct characters).
DEPLOY = {**GOOD, "SECRET_KEY": "pr0d-" + "".join(chr(33 + (i * 7) % 90) for i in range(60))}
SHOW_SECURITY = (
    "from django.conf import settings as s; print(s.DEBUG, s.SECURE_HSTS_SECONDS, "
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT)"
)


@pytest.mark.parametrize(
    "operator_choices",
    [
        {},
        {"SECURE_SSL_REDIRECT": "false"},  # the ingress redirects (the Helm chart's values)
        {"SECURE_HSTS_PRELOAD": "true"},
    ],
)
def test_production_passes_the_deployment_checklist_without_a_warning(operator_choices):
    result = _manage(
        "eurzad.settings.production", "check", "--deploy", "--fail-level", "WARNING",
        **DEPLOY, **operator_choices,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_production_sends_hsts_for_every_subdomain_for_a_year():
    shown = _shell("eurzad.settings.production", SHOW_SECURITY, **GOOD)
    assert shown.split() == ["False", "31536000", "True", "False", "True"]
    preload = _shell(
        "eurzad.settings.production", SHOW_SECURITY,
        **GOOD, SECURE_HSTS_PRELOAD="true", SECURE_HSTS_SECONDS="63072000",
    )  # fmt: skip
    assert preload.split()[1:4] == ["63072000", "True", "True"]


def test_the_demo_runs_without_debug_unless_a_developer_asks(tmp_path):
    """make demo uses the development settings: DEBUG is off (the towns' own error pages)
    until DEBUG=1."""
    demo = {
        "DATABASE_URL": "postgres://eurzad@127.0.0.1:5432/eurzad",
        "REDIS_URL": "redis://127.0.0.1:6379",
        "EURZAD_STATE_DIR": str(tmp_path),
    }
    show = "from django.conf import settings as s; print(s.DEBUG)"
    assert _shell("eurzad.settings.dev", show, **demo) == "False"
    assert _shell("eurzad.settings.dev", show, **demo, DEBUG="1") == "True"
