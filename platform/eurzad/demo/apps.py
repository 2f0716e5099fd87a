from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The two demo towns and ``make demo``: ``manage.py seed_demo`` and ``run_demo``."""

    name = "eurzad.demo"
    label = "demo"
    verbose_name = _("Dane pokazowe")

    def ready(self) -> None:
        # Imported here: they load models, which exist only once the app registry is ready.
        from eurzad.demo.finance import ensure_demo_finances
        from eurzad.identity.demo import register_sample_data

        register_sample_data(ensure_demo_finances)  # the demo account's obligations
