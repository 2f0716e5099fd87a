"""Mój e-Urząd, mounted at /konto/ (Polish) and /en/konto/ (English) on every town's host."""

from django.urls import path

from eurzad.identity.account import views

app_name = "account"

urlpatterns = [
    path("", views.home, name="home"),
    path("twoje-dane/", views.profile, name="profile"),
    path("historia-logowania/", views.login_history_view, name="login-history"),
    path("aplikacja-mobilna/", views.mobile_app, name="mobile-app"),
    path(
        "aplikacja-mobilna/urzadzenia/<int:device_id>/odlacz/",
        views.revoke_device_view,
        name="revoke-device",
    ),
    path("powiadomienia/", views.notifications, name="notifications"),
    path("powiadomienia/oznacz-przeczytane/", views.mark_all_read, name="notifications-read"),
    path("powiadomienia/<int:notification_id>/", views.notification, name="notification"),
    path("dzialaj-jako/", views.act_as, name="act-as"),
    path("wnioski/<int:request_id>/upo.xml", views.access_request_upo, name="access-request-upo"),
]
