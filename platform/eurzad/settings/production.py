"""Production: every secret and service must be configured; no embedded services."""

import os

from django.core.exceptions import ImproperlyConfigured

from eurzad.settings.base import *  # noqa: F403
from eurzad.settings.base import (
    ACCESS_LOG_FLUSH_SECONDS,
    DATABASE_URL,
    LOG_LEVEL,
    PRIVATE_FILES_DELIVERY,
    PRODUCTION_HSTS_PRELOAD,
    PRODUCTION_HSTS_SECONDS,
    PRODUCTION_SSL_REDIRECT,
    REDIS_SENTINELS,
    REDIS_URL,
    SECRET_KEY,
    SIMULATORS_ENABLED,
    logging_config,
)
from eurzad.settings.env import is_set
from eurzad.settings.services import apply_service_settings

# `docker build` runs collectstatic with EURZAD_BUILD=1 and no services at hand.
_BUILDING_IMAGE = os.environ.get("EURZAD_BUILD") == "1"


def _require(condition: bool, message: str) -> None:
    if not condition and not _BUILDING_IMAGE:
        raise ImproperlyConfigured(message)


DEBUG = False
_require(
    DATABASE_URL.startswith(("postgres://", "postgresql://")),
    "DATABASE_URL must point at a PostgreSQL server in production (no embedded database).",
)
_require(
    REDIS_URL.startswith(("redis://", "rediss://")) or bool(REDIS_SENTINELS),
    "REDIS_URL must point at a Redis server in production, or REDIS_SENTINELS at its "
    "Sentinels (no embedded Redis).",
)
_require(
    len(SECRET_KEY) >= 50 and "insecure" not in SECRET_KEY,
    "SECRET_KEY must be set to 50+ random characters in production.",
)
_require(
    not SIMULATORS_ENABLED,
    "SIMULATORS_ENABLED must be off in production: simulators of login.gov.pl, ePUAP, "
    "e-Doręczenia, podpis zaufany (TpSigning5) and payment gateways are for the demo and "
    "tests only.",
)
_require(
    PRIVATE_FILES_DELIVERY != "app",
    "PRIVATE_FILES_DELIVERY must be x-accel (nginx sends private files from "
    "PRIVATE_FILES_ROOT; the Helm chart's file server) or s3 (signed URLs of the object "
    "store) in production: private files are not streamed through the application.",
)
if _BUILDING_IMAGE:
    SECRET_KEY = SECRET_KEY or "image-build-only"
    DATABASE_URL = DATABASE_URL or "postgres://build@localhost/build"
    REDIS_URL = REDIS_URL or "redis://localhost:6379"

apply_service_settings(globals())

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION_SSL_REDIRECT
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Every town is a subdomain of the platform's domain (or has its own domain, also on
# HTTPS only): HSTS covers them all.
SECURE_HSTS_SECONDS = PRODUCTION_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = PRODUCTION_HSTS_PRELOAD
# `check --deploy` stays silent about what the operator decided on purpose (documented in
# docs/operators/security-headers.md): the ingress redirects to HTTPS (W008), the domain
# is not submitted to the HSTS preload list (W021).
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_SSL_REDIRECT else ["security.W008"]),
    *([] if SECURE_HSTS_PRELOAD or not SECURE_HSTS_SECONDS else ["security.W021"]),
]

# One JSON object per log line unless LOG_FORMAT says otherwise.
if not is_set("LOG_FORMAT"):
    LOG_FORMAT = "json"
    LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, ACCESS_LOG_FLUSH_SECONDS)
