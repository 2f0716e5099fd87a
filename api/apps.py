from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from api import schema  # noqa: F401 - registers the OpenAPI extensions
        from api.integration import receivers  # noqa: F401 - connects the change feeds' signals
