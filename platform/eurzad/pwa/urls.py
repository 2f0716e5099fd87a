"""Manifest, service worker and offline page of the installable resident app.

Mounted at the root of each town's host, outside the language prefix: a service worker
controls only the paths under its own, so it must be /sw.js."""

from django.urls import path

from eurzad.pwa import views

app_name = "pwa"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("offline/", views.offline, name="offline"),
    path("pwa/ikona-<int:size>.png", views.icon, name="icon"),
    path("pwa/ikona-<int:size>-maskable.png", views.icon, {"maskable": True}, name="icon-maskable"),
]
