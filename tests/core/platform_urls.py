"""Tests only: the platform host's URLs plus a view that fails (see town_urls)."""

from django.urls import path

from eurzad import urls_public
from tests.core.town_urls import crash

handler500 = urls_public.handler500

urlpatterns = [path("test-500/", crash), *urls_public.urlpatterns]
