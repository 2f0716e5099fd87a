from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "eurzad.audit"
    label = "audit"
    verbose_name = _("Dziennik zdarzeń")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.audit import logins

        logins.connect()
