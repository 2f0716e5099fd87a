"""Render docs/operators/configuration.md from the environment-variable registry."""

from __future__ import annotations

from eurzad.settings import base
from eurzad.settings.env import REGISTRY

HEADER = """# Configuration: environment variables

Every setting of eurzad comes from an environment variable. This page is generated from
the code (`python manage.py document_settings`); a test fails when it is out of date.

Settings modules (`DJANGO_SETTINGS_MODULE`):

| module | for | what it adds |
|---|---|---|
| `eurzad.settings.dev` | development, `make demo` | embedded PostgreSQL and Redis when `DATABASE_URL` / `REDIS_URL` are empty, a secret key generated under `.eurzad/`, e-mails written to `.eurzad/mail/`, the simulators on; `DEBUG` stays off unless `DEBUG=1` |
| `eurzad.settings.test` | `make test` | PostgreSQL and Redis on 127.0.0.1 when they answer, else embedded ones; e-mails kept in memory |
| `eurzad.settings.production` | servers, the Helm chart | refuses to start without `DATABASE_URL`, `REDIS_URL` and a 50+ character `SECRET_KEY`; HTTPS cookies, HSTS with subdomains (docs/operators/security-headers.md) |

| variable | default | secret | what it does |
|---|---|---|---|
"""

FOOTER = """
Read by the processes themselves rather than by Django settings:

| variable | default | what it does |
|---|---|---|
| `DJANGO_SETTINGS_MODULE` | `eurzad.settings.dev` | Which settings module to load (see above); `eurzad.settings.production` on servers. |
| `WEB_CONCURRENCY` | `3` in the Helm chart | gunicorn worker processes per web pod. |
| `CELERY_WORKER_CONCURRENCY` | `2` in the Helm chart | Celery worker processes per worker pod. |
"""


def _default(value: object) -> str:
    if value == "" or value is None:
        return "(empty)"
    return f"`{value}`"


def render() -> str:
    rows = []
    for variable in sorted(REGISTRY.values(), key=lambda v: v.name):
        default = variable.default
        if isinstance(default, str) and default.startswith(str(base.BASE_DIR)):
            default = "<repo>" + default[len(str(base.BASE_DIR)) :]
        rows.append(
            f"| `{variable.name}` | {_default(default)} | {'yes' if variable.secret else ''} "
            f"| {variable.help} |"
        )
    return HEADER + "\n".join(rows) + "\n" + FOOTER
