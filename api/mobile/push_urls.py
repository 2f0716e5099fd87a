"""``/api/v1/mobile/push-tokens/``: FCM / APNs tokens of a paired phone."""

from django.urls import path

from api.mobile.push import PushTokenDetailView, PushTokenListView

urlpatterns = [
    path("", PushTokenListView.as_view(), name="mobile-push-tokens"),
    path("<str:token>", PushTokenDetailView.as_view(), name="mobile-push-token"),
]
