"""``/api/v1/`` on a town's host: the mobile app, the town's back-office systems, open
data, and the OpenAPI 3 description of all of it (with Swagger UI and ReDoc)."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

app_name = "api"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(api_version="v1", urlconf="api.schema_urls"),
        name="schema",
    ),
    # Both pages run no inline script (Content-Security-Policy): Swagger UI's set-up script
    # is fetched from docs/?script (the split view), ReDoc's page has none.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="v1:schema", template_name="api/swagger_ui.html"
        ),
        name="swagger",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="v1:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("mobile/", include("api.mobile.urls")),
    path("integracja/", include("api.integration.urls")),
    path("otwarte-dane/", include("api.open.urls")),
]
