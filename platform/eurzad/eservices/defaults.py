"""The "E-usługi" staff group every town starts with: the people who make and publish
the town's forms and set the constants their formulas use."""

from __future__ import annotations

from eurzad.core.staff_groups import grant, managing

ESERVICES_GROUP = "E-usługi"
ESERVICES_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "eservices": [*managing("eserviceform", "formconstant"), "publish_eserviceform"],
}


def set_up_eservices_group() -> None:
    """The town's "E-usługi" group (in the town's schema); safe to run again."""
    grant(ESERVICES_GROUP, ESERVICES_PERMISSIONS)
