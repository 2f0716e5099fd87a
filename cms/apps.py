from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Strony serwisu")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: they load models, which exist only once the app registry is ready.
        from cms import signals  # noqa: F401
        from cms.alerts import next_alert_change
        from cms.notification_kinds import register_kinds as register_notification_kinds
        from cms.provisioning import register_steps as register_provisioning_steps
        from eurzad.core.page_cache import register_change_moment

        register_notification_kinds()
        register_provisioning_steps()
        register_change_moment(next_alert_change)  # a cached page ends when an alert does
