"""Gateway notifications (server to server, no language prefix): /platnosci/…"""

from django.urls import path

from eurzad.finance.gateways import notify_views

app_name = "payment_notifications"
urlpatterns = [
    path("<slug:gateway>/powiadomienie/", notify_views.notification, name="notify"),
]
