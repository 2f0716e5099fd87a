"""The URLconf the OpenAPI schema is generated from: the town API alone, at its real
prefix (``manage.py spectacular --urlconf api.schema_urls``)."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("api.urls", namespace="v1"))]
