"""The type checker's settings: mypy's django-stubs plugin loads the apps with them.

The test settings would probe for PostgreSQL and Redis, start embedded ones when none
answers and take a test run's Redis lock; checking types needs none of that, only the
apps and their models. Nothing connects with these URLs."""

from eurzad.settings.base import *  # noqa: F403
from eurzad.settings.services import apply_service_settings

SECRET_KEY = "typecheck-only-secret-key-not-for-any-server-0123456789abcdefghij"  # noqa: S105
DATABASE_URL = "postgres://typecheck@127.0.0.1:5432/eurzad"
REDIS_URL = "redis://127.0.0.1:6379"
apply_service_settings(globals())
