from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "eurzad.audit"
    label = "audit"
    verbose_name = _("Dziennik zdarzeń")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from eurzad.audit import logins

        logins.connect()
