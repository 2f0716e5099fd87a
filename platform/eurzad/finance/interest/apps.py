from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterestConfig(AppConfig):
    """The statutory interest rates every town's obligations are charged with: one table
    for the whole platform (public schema), kept by the operators."""

    name = "eurzad.finance.interest"
    label = "interest"
    verbose_name = _("Odsetki ustawowe")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from eurzad.finance.interest import signals  # noqa: F401 - connects the cache invalidation
