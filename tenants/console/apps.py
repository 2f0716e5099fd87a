from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "tenants.console"
    label = "console"
    verbose_name = _("Konsola operatora")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from tenants.console import login_audit

        login_audit.connect()
