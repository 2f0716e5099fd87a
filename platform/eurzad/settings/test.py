"""Tests: a real PostgreSQL and Redis on 127.0.0.1 when they answer, else embedded ones."""

import socket
from typing import Any

from eurzad import embedded, isolated_runs
from eurzad.settings.base import *  # noqa: F403
from eurzad.settings.base import (
    DATABASE_URL,
    PG_BIN_DIR,
    PRIVATE_STORAGE,
    REDIS_TIMEOUT_MS,
    REDIS_URL,
    SIMULATORS_ENABLED,
    STATE_DIR,
    STATIC_ROOT,
    TEST_REDIS_DB_BASE,
)
from eurzad.settings.env import is_set
from eurzad.settings.services import apply_service_settings


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghijklmnop"  # noqa: S105
DEBUG = False

if not DATABASE_URL:
    if _answers(5432):
        DATABASE_URL = "postgres://postgres@127.0.0.1:5432/eurzad"
    else:
        DATABASE_URL = embedded.ensure_postgres(STATE_DIR)
        PG_BIN_DIR = PG_BIN_DIR or embedded.postgres_bin_dir()
if not REDIS_URL:
    REDIS_URL = "redis://127.0.0.1:6379" if _answers(6379) else embedded.ensure_redis(STATE_DIR)

# Each test run has its own test database and Redis databases (never the demo's), shared
# with the processes it starts: two runs on one machine never meet (eurzad.isolated_runs).
TEST_RUN = isolated_runs.run_id()
TEST_REDIS_DB_BASE = isolated_runs.redis_db_base(REDIS_URL, TEST_REDIS_DB_BASE)
# Two test processes, their workers and PostgreSQL share two cores: a Redis that answers
# late under that load is not down. The fault tests use the production default on a Redis
# of their own (tests/faults).
if not is_set("REDIS_TIMEOUT_MS"):
    REDIS_TIMEOUT_MS = 3000
SIMULATORS_ENABLED = True if not is_set("SIMULATORS_ENABLED") else SIMULATORS_ENABLED
apply_service_settings(globals(), redis_db_base=TEST_REDIS_DB_BASE)
DATABASES: dict[str, Any] = globals()["DATABASES"]  # set by apply_service_settings above
DATABASES["default"]["TEST"] = {
    "NAME": isolated_runs.database_name_for(DATABASES["default"]["NAME"], TEST_RUN)
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each run's files are its own too (a run empties them when it seeds its towns).
TEST_FILES_ROOT = STATE_DIR / "test-runs" / TEST_RUN
MEDIA_ROOT = TEST_FILES_ROOT / "media"
PRIVATE_FILES_ROOT = TEST_FILES_ROOT / "private"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# WhiteNoise serves straight from the apps' static folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Onboarding in tests must not queue refills of the spare-schema pool (tests/scale builds
# spares itself, with explicit sizes).
TENANT_POOL_SIZE = 0

# A town's activity is written by time, at most once an interval per process
# (tenants.activity): with the production 5 minutes it lands, some minutes into a run, in
# whichever request comes next — also one whose statements a test counts. An hour is
# longer than a run; tests of the activity itself move the clock back by hours.
TOWN_ACTIVITY_INTERVAL_SECONDS = 3600
