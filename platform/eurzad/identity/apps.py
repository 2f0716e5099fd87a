from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "eurzad.identity"
    label = "identity"
    verbose_name = _("Logowanie i tożsamość")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.identity.provisioning import register_steps as register_provisioning_steps

        register_provisioning_steps()

        from eurzad.core.private_files.kinds import register
        from eurzad.identity.channel_intake import register_handlers
        from eurzad.identity.files import POWERS_OF_ATTORNEY

        register_handlers()
        register(POWERS_OF_ATTORNEY)

        from eurzad.identity.notification_kinds import register_kinds as register_notification_kinds

        register_notification_kinds()

        from eurzad.identity import represented  # noqa: F401 (its receiver connects on import)
        from eurzad.identity.account_sections import register_sections

        register_sections()
