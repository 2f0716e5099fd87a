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
    from eurzad.core.staff_groups import grant

    grant(BUDGET_GROUP, BUDGET_PERMISSIONS)
