from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, object]:
    return {
        "municipality": getattr(request, "tenant", None),
        "PLATFORM_DOMAIN": settings.PLATFORM_DOMAIN,
    }
