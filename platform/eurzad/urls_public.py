"""URLs of the platform host (public schema): the list of towns; the operator console
comes here later."""

from django.conf import settings
from django.urls import path

from tenants import views

urlpatterns = [
    path("", views.platform_home, name="platform-home"),
]

if settings.SIMULATORS_ENABLED:
    from eurzad.identity.simulator import views as wk

    urlpatterns += [
        path("symulator-wk/login/SingleSignOnService", wk.single_sign_on, name="wk-sso"),
        path("symulator-wk/login/wybierz", wk.pick_person, name="wk-pick"),
        path(
            "symulator-wk/login-services/idpArtifactResolutionService",
            wk.artifact_resolution,
            name="wk-ars",
        ),
    ]
