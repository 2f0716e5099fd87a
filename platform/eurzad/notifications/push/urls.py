"""Web Push of the resident's browsers, mounted at ``/konto/powiadomienia/web-push/``."""

from django.urls import path

from eurzad.notifications.push import views

app_name = "push"

urlpatterns = [
    path("", views.subscription, name="web-push-subscription"),
    path("klucz/", views.public_key, name="web-push-key"),
]
