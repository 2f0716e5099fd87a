from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "eurzad.notifications"
    label = "notifications"
    verbose_name = _("Powiadomienia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.notifications.account_sections import register_sections

        register_sections()
