from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "eurzad.channels"
    label = "channels"
    verbose_name = _("ePUAP i e-Doręczenia")

    def ready(self) -> None:
        # The adapters register themselves with the channel registry on import.
        from eurzad.channels.contrib.edoreczenia import adapter as _edoreczenia  # noqa: F401
        from eurzad.channels.contrib.epuap import adapter as _epuap  # noqa: F401
