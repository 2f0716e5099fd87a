from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewaysConfig(AppConfig):
    name = "eurzad.finance.gateways"
    label = "gateways"
    verbose_name = _("Płatności internetowe")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The plugins register themselves with the gateway registry on import.
        from eurzad.finance.gateways.contrib.payu import plugin as _payu  # noqa: F401
        from eurzad.finance.gateways.contrib.przelewy24 import plugin as _p24  # noqa: F401
        from eurzad.finance.gateways.notification_kinds import (
            register_kinds as register_notification_kinds,
        )

        register_notification_kinds()

        from eurzad.finance.gateways.account_sections import register_sections

        register_sections()
