from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "eurzad.channels"
    label = "channels"
    verbose_name = _("ePUAP i e-Doręczenia")

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.channels.provisioning import register_steps as register_provisioning_steps

        register_provisioning_steps()

        from eurzad.channels import signals  # noqa: F401 (receivers connect on import)

        # The adapters, senders and receipt handlers register themselves on import.
        from eurzad.channels.contrib.edoreczenia import adapter as _edoreczenia  # noqa: F401
        from eurzad.channels.contrib.edoreczenia import sender as _edoreczenia_sender  # noqa: F401
        from eurzad.channels.contrib.epuap import adapter as _epuap  # noqa: F401
        from eurzad.channels.contrib.epuap import receipts as _epuap_receipts  # noqa: F401
        from eurzad.channels.contrib.epuap import sender as _epuap_sender  # noqa: F401
