"""Mój e-Urząd, mounted at /konto/ (Polish) and /en/konto/ (English) on every town's host.

The ``account:`` names are the ones the area always had: the shell's own pages, and the
pages identity and notifications put under them. An app with more pages in the area
mounts its own namespace under /konto/ in ``eurzad.urls_tenant`` and registers its
section (``eurzad.core.account_area``); this list is not extended for it."""

from django.urls import path

from eurzad.identity.account import views as identity
from eurzad.portal import notification_views as notifications
from eurzad.portal import views

app_name = "account"

urlpatterns = [
    path("", views.home, name="home"),
    path("dzialaj-jako/", views.act_as, name="act-as"),
    path("twoje-dane/", identity.profile, name="profile"),
    path("historia-logowania/", identity.login_history_view, name="login-history"),
    path("aplikacja-mobilna/", identity.mobile_app, name="mobile-app"),
    path(
        "aplikacja-mobilna/urzadzenia/<int:device_id>/odlacz/",
        identity.revoke_device_view,
        name="revoke-device",
    ),
    path(
        "wnioski/<int:request_id>/upo/",
        identity.access_request_receipt,
        name="access-request-receipt",
    ),
    path(
        "wnioski/<int:request_id>/upo.pdf",
        identity.access_request_upo_pdf,
        name="access-request-upo-pdf",
    ),
    path(
        "wnioski/<int:request_id>/upo.xml",
        identity.access_request_upo,
        name="access-request-upo",
    ),
    path("powiadomienia/", notifications.inbox, name="notifications"),
    path(
        "powiadomienia/oznacz-przeczytane/",
        notifications.mark_all_read,
        name="notifications-read",
    ),
    path(
        "powiadomienia/<int:notification_id>/",
        notifications.notification,
        name="notification",
    ),
]
