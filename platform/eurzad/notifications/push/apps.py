from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PushConfig(AppConfig):
    """Push notifications: Web Push subscriptions of browsers, FCM / APNs tokens of paired
    phones, the provider adapters behind a registry, and alert fan-out."""

    name = "eurzad.notifications.push"
    label = "push"
    verbose_name = _("Powiadomienia push")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.notifications.push import signals  # noqa: F401
        from eurzad.notifications.push.providers import apns, fcm, webpush  # noqa: F401
