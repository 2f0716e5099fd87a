"""``/symulator-push/`` on a town's host (only with SIMULATORS_ENABLED)."""

from django.urls import path

from eurzad.notifications.push.simulator import views

urlpatterns = [
    path("", views.deliveries, name="push-sim-deliveries"),
    path("konfiguruj/", views.configure_town, name="push-sim-configure"),
    path("webpush/<str:subscription_id>", views.webpush, name="push-sim-webpush"),
    path("fcm/token", views.fcm_token, name="push-sim-fcm-token"),
    path("fcm/v1/projects/<str:project>/messages:send", views.fcm_send, name="push-sim-fcm-send"),
    path("apns/3/device/<str:device_token>", views.apns_send, name="push-sim-apns"),
]
