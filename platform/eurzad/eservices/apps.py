from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EServicesConfig(AppConfig):
    name = "eurzad.eservices"
    label = "eservices"
    verbose_name = _("E-usługi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the step loads models, which exist once the app registry is.
        from eurzad.eservices.provisioning import register_steps

        register_steps()
