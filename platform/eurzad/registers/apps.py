from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "eurzad.registers"
    label = "registers"
    verbose_name = _("Rejestry i mienie gminy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.registers.provisioning import register_steps as register_provisioning_steps

        register_provisioning_steps()

        from eurzad.registers import signals  # noqa: F401  (connects the receivers)
        from eurzad.registers.account_sections import register_sections

        register_sections()
