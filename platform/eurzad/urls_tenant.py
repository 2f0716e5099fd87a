"""URLs of a town's host: Wagtail admin, feeds, search, media and the Wagtail page tree.

Pages are Polish at ``/`` and English under ``/en/`` (Wagtail i18n)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api.fallback import unknown_address
from cms import views as cms_views
from cms.feeds import AlertFeed, alerts_json
from eurzad.core.views import serve_town_media
from eurzad.identity import files as identity_files
from eurzad.identity import request_views
from eurzad.identity import views as identity_views

# The branded error page (Django renders 404.html itself, with the request).
handler500 = "eurzad.core.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("logowanie/", identity_views.login_page, name="login"),
    path("logowanie/start/", identity_views.start, name="login-start"),
    path("logowanie/acs/", identity_views.assertion_consumer, name="login-acs"),
    path("logowanie/wyloguj/", identity_views.logout_view, name="logout"),
    path("logowanie/slo/", identity_views.single_logout, name="login-slo"),
    path("logowanie/demo/", identity_views.demo_login, name="login-demo"),
    path("logowanie/metadata/", identity_views.metadata, name="sp-metadata"),
    path("logowanie/wniosek/", request_views.access_request_form, name="access-request"),
    path(
        "logowanie/wniosek/wyslany/",
        request_views.access_request_filed,
        name="access-request-filed",
    ),
    path("pliki/<path:stored_name>", identity_files.private_file, name="private-file"),
    path("ostrzezenia/rss/", AlertFeed(), name="alerts-rss"),
    path("ostrzezenia.json", alerts_json, name="alerts-json"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<schema>[^/]+)/(?P<path>.+)$", serve_town_media, name="town-media"),
    ]

urlpatterns += [
    path("platnosci/", include("eurzad.finance.gateways.notify_urls")),
    path("api/v1/", include("api.urls", namespace="v1")),
    re_path(r"^api/(?P<rest>.*)$", unknown_address, name="api-unknown"),
    path("", include("eurzad.pwa.urls")),
    *(
        [path("symulator-push/", include("eurzad.notifications.push.simulator.urls"))]
        if settings.SIMULATORS_ENABLED
        else []
    ),
]

urlpatterns += i18n_patterns(
    path("", include("eurzad.eservices.urls")),
    path("konto/platnosci/", include("eurzad.finance.gateways.urls")),
    path("konto/", include("eurzad.finance.urls")),
    path("konto/", include("eurzad.cases.urls")),
    path("budzet/", include("eurzad.registers.budget.urls")),
    path("", include("eurzad.registers.urls")),
    path("konto/", include("eurzad.portal.notification_urls")),
    path("konto/", include("eurzad.portal.urls")),
    path("szukaj/", cms_views.search, name="search"),
    path("", include("cms.routing")),
    prefix_default_language=False,
)
