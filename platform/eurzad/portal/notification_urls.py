"""Notification pages and endpoints of the resident area (under ``/konto/``): the pages
are the portal's (they need the resident; notifications sit below identity), the names
stay in the ``notifications`` namespace."""

from django.urls import include, path

from eurzad.portal import notification_views as views

app_name = "notifications"

urlpatterns = [
    path("powiadomienia/ustawienia/", views.preferences, name="preferences"),
    path("powiadomienia/web-push/", include("eurzad.notifications.push.urls")),
]
