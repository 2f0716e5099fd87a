"""URLs of the platform host (public schema): the list of towns; the operator console
comes here later."""

from django.conf import settings
from django.urls import include, path

from eurzad.core.metrics import metrics_view
from tenants import views

# The branded error page (Django renders 404.html itself, with the request).
handler500 = "eurzad.core.errors.server_error"

urlpatterns = [
    path("", views.platform_home, name="platform-home"),
    path("metrics", metrics_view, name="metrics"),  # Prometheus, allowed clients only
    path("konsola/", include("tenants.console.urls")),
    path("api/operator/v1/", include("tenants.console.api_urls")),
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
        path(
            "symulator-wk/login-services/singleLogoutService",
            wk.single_logout,
            name="wk-slo",
        ),
        path("symulator-wk/sesje/", wk.sessions, name="wk-sessions"),
    ]
    from eurzad.channels.simulator import views as channels_simulator

    urlpatterns += [
        path("symulator-epuap/pull", channels_simulator.pull, name="epuap-sim-pull"),
        path(
            "symulator-epuap/doreczyciel",
            channels_simulator.doreczyciel,
            name="epuap-sim-doreczyciel",
        ),
        path("symulator-epuap/nadaj", channels_simulator.compose, name="epuap-sim-compose"),
    ]
    from eurzad.channels.simulator import signing_views as pz_simulator

    urlpatterns += [
        path(
            "symulator-pz/ep-services/tpSigning5",
            pz_simulator.tp_signing5,
            name="pz-sim-tpsigning5",
        ),
        path("symulator-pz/podpis/<str:token>", pz_simulator.signing_page, name="pz-sim-sign"),
    ]
    from eurzad.channels.simulator.ade import views as ade_simulator

    urlpatterns += [
        path(
            "symulator-edoreczenia/auth/realms/EDOR/protocol/openid-connect/token",
            ade_simulator.token,
            name="edoreczenia-sim-token",
        ),
        path(
            "symulator-edoreczenia/api/v3/<str:address>/<path:path>",
            ade_simulator.ua_api,
            name="edoreczenia-sim-ua-api",
        ),
        path("symulator-edoreczenia/adresaci/", ade_simulator.recipients, name="edoreczenia-sim"),
        path(
            "symulator-edoreczenia/adresaci/rozstrzygnij",
            ade_simulator.settle,
            name="edoreczenia-sim-settle",
        ),
    ]
    from eurzad.finance.gateways.simulator.przelewy24 import views as p24

    urlpatterns += [
        path("symulator-p24/api/v1/transaction/register", p24.register, name="p24-sim-register"),
        path("symulator-p24/api/v1/transaction/verify", p24.verify, name="p24-sim-verify"),
        path(
            "symulator-p24/api/v1/transaction/by/sessionId/<str:session_id>",
            p24.by_session,
            name="p24-sim-by-session",
        ),
        path("symulator-p24/trnRequest/<str:token>", p24.payment_page, name="p24-sim-pay"),
        path("symulator-p24/powiadomienia/", p24.notifications, name="p24-sim-notifications"),
    ]
    from eurzad.finance.gateways.simulator.payu import api as payu_api
    from eurzad.finance.gateways.simulator.payu import pages as payu_pages

    urlpatterns += [
        path(
            "symulator-payu/pl/standard/user/oauth/authorize",
            payu_api.authorize,
            name="payu-sim-authorize",
        ),
        path("symulator-payu/api/v2_1/orders", payu_api.orders, name="payu-sim-orders"),
        path("symulator-payu/api/v2_1/orders/", payu_api.orders),  # the PHP SDK's spelling
        path(
            "symulator-payu/api/v2_1/orders/<str:order_id>", payu_api.order, name="payu-sim-order"
        ),
        path("symulator-payu/pay/", payu_pages.payment_page, name="payu-sim-pay"),
        path(
            "symulator-payu/powiadomienia/",
            payu_pages.notifications,
            name="payu-sim-notifications",
        ),
    ]
