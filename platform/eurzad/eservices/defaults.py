"""The "E-usługi" staff group every town starts with: the people who make and publish
the town's forms and set the constants their formulas use."""

from __future__ import annotations

ESERVICES_GROUP = "E-usługi"
ESERVICES_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "eservices": [
        f"{action}_{model}"
        for model in ("eserviceform", "formconstant")
        for action in ("add", "change", "delete", "view")
    ]
    + ["publish_eserviceform"],
}


def set_up_eservices_group() -> None:
    """The town's "E-usługi" group (in the town's schema); safe to run again."""
    from eurzad.core.staff_groups import grant

    grant(ESERVICES_GROUP, ESERVICES_PERMISSIONS)
