"""Periodic work of the town's site, run by Celery in the town's own schema."""

from __future__ import annotations

from django.core.management import call_command
from wagtail.models import Site

from eurzad.celery import app
from eurzad.core.postgresql.connection import connection
from tenants.dispatch import for_each_active_town


@app.task
def describe_town() -> dict[str, str]:
    """Report which town this task ran for, read from that town's own schema.

    Operators use it (``manage.py check_worker``) to see that workers reach every town.
    """
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    return {
        "schema": connection.schema_name,
        "site_name": site.site_name,
        "hostname": site.hostname,
        "home_page": site.root_page.title,
    }


@app.task
def publish_scheduled_pages() -> str:
    """Publish and unpublish pages whose go-live / expiry time has come, in this town."""
    call_command("publish_scheduled", verbosity=0)
    return connection.schema_name


@app.task
def publish_scheduled_pages_in_all_towns() -> int:
    return len(for_each_active_town(publish_scheduled_pages))
