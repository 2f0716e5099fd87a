"""URLs of a town's host: Wagtail admin, media, documents and the Wagtail page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from eurzad.core.views import serve_town_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<schema>[^/]+)/(?P<path>.+)$", serve_town_media, name="town-media"),
    ]

urlpatterns += [
    path("", include(wagtail_urls)),
]
