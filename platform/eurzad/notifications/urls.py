"""Notification pages and endpoints of the resident area (under ``/konto/``)."""

from django.urls import include, path

from eurzad.notifications import views

app_name = "notifications"

urlpatterns = [
    path("powiadomienia/ustawienia/", views.preferences, name="preferences"),
    path("powiadomienia/web-push/", include("eurzad.notifications.push.urls")),
]
