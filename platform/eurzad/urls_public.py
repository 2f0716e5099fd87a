"""URLs of the platform host (public schema): the list of towns; the operator console
comes here later."""

from django.urls import path

from tenants import views

urlpatterns = [
    path("", views.platform_home, name="platform-home"),
]
