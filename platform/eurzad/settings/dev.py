"""Development and `make demo`: embedded services when no URLs are given.

DEBUG stays off (the town's own 404 and 500 pages, as residents see them); DEBUG=1 turns
on Django's technical error pages for development."""

from eurzad import embedded
from eurzad.settings.base import *  # noqa: F403
from eurzad.settings.base import (
    DATABASE_URL,
    PG_BIN_DIR,
    PRIVATE_STORAGE,
    REDIS_URL,
    SECRET_KEY,
    SIMULATORS_ENABLED,
    STATE_DIR,
    STATIC_ROOT,
)
from eurzad.settings.env import is_set
from eurzad.settings.local_secrets import local_secret_key
from eurzad.settings.services import apply_service_settings

SECRET_KEY = SECRET_KEY or local_secret_key(STATE_DIR)
if not DATABASE_URL:
    DATABASE_URL = embedded.ensure_postgres(STATE_DIR)
    PG_BIN_DIR = PG_BIN_DIR or embedded.postgres_bin_dir()
REDIS_URL = REDIS_URL or embedded.ensure_redis(STATE_DIR)

SIMULATORS_ENABLED = True if not is_set("SIMULATORS_ENABLED") else SIMULATORS_ENABLED
apply_service_settings(globals())

if not is_set("EMAIL_BACKEND") and not is_set("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise serves straight from the apps' static folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
