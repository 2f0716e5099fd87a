"""The town's "Budżet" staff group: budget years and the CSV import in the Wagtail admin."""

from __future__ import annotations

BUDGET_GROUP = "Budżet"
BUDGET_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "budget": [
        "add_budgetyear",
        "change_budgetyear",
        "view_budgetyear",
        "view_budgetline",
        "import_budgetline",
    ],
}


def set_up_budget_group() -> None:
    """Create the "Budżet" group in the current town's schema; safe to run again."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _created = Group.objects.get_or_create(name=BUDGET_GROUP)
    wanted = Q()
    for app_label, codenames in BUDGET_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))
