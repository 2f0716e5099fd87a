from django.http import HttpRequest, HttpResponse
from wagtail.contrib.redirects.middleware import RedirectMiddleware


class TownRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, on towns' hosts only (the platform host has no Wagtail site)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if tenant is None or tenant.schema_name == "public":
            return response
        return super().process_response(request, response)
