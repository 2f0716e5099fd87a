from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _set_up_group(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    """After a town's schema is migrated (its permissions exist by then), give it the
    "Budżet" staff group; the public schema has no budget."""
    from django.db import connections

    if getattr(connections[using], "schema_name", "public") == "public":
        return
    # Imported here: an apps module loads before the models that defaults.py imports.
    from eurzad.registers.budget.defaults import set_up_budget_group

    set_up_budget_group()


class BudgetConfig(AppConfig):
    name = "eurzad.registers.budget"
    label = "budget"
    verbose_name = _("Budżet gminy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_set_up_group, sender=self, dispatch_uid="budget-staff-group")
