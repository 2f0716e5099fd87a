from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenants.models import Municipality


def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform host's front page: the towns served here, with links to their sites."""
    towns = (
        Municipality.objects.exclude(schema_name="public")
        .filter(status=Municipality.Status.ACTIVE)
        .prefetch_related("domains")
        .order_by("name")
    )
    port = request.get_port()
    suffix = "" if port in {"80", "443"} else f":{port}"
    entries = []
    for town in towns:
        primary = next((d for d in town.domains.all() if d.is_primary), None)
        if primary:
            entries.append({"town": town, "url": f"{request.scheme}://{primary.domain}{suffix}/"})
    return render(
        request,
        "tenants/platform_home.html",
        {"entries": entries, "platform_domain": settings.PLATFORM_DOMAIN},
    )
