from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "eurzad.finance"
    label = "finance"
    verbose_name = _("Finanse: zobowiązania i wpłaty")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.finance.provisioning import register_steps as register_provisioning_steps

        register_provisioning_steps()

        from eurzad.finance.notification_kinds import register_kinds as register_notification_kinds

        register_notification_kinds()

        from eurzad.finance.account_sections import register_sections

        register_sections()
