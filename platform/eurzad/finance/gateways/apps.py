from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewaysConfig(AppConfig):
    name = "eurzad.finance.gateways"
    label = "gateways"
    verbose_name = _("Płatności internetowe")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: they load models, which exist only once the app registry is ready.
        # The plugins register themselves with the gateway registry on import.
        from eurzad.core.metrics import count_closed_payment, count_completed_payment
        from eurzad.finance.gateways.account_sections import register_sections
        from eurzad.finance.gateways.contrib.payu import plugin as _payu  # noqa: F401
        from eurzad.finance.gateways.contrib.przelewy24 import plugin as _p24  # noqa: F401
        from eurzad.finance.gateways.notification_kinds import (
            register_kinds as register_notification_kinds,
        )
        from eurzad.finance.gateways.provisioning import (
            register_steps as register_provisioning_steps,
        )
        from eurzad.finance.gateways.signals import payment_closed, payment_completed

        register_notification_kinds()
        register_sections()
        register_provisioning_steps()
        payment_completed.connect(count_completed_payment, dispatch_uid="metrics.payment_done")
        payment_closed.connect(count_closed_payment, dispatch_uid="metrics.payment_closed")
