"""The "E-usługi" staff group every town starts with: the people who make and publish
the town's forms and set the constants their formulas use."""

from __future__ import annotations

from eurzad.core.staff_groups import grant, managing

ESERVICES_GROUP = "E-usługi"
ESERVICES_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "eservices": [
        *managing("eserviceform", "formconstant"),
        "publish_eserviceform",
        "view_submission",
    ],
}
# The clerks of the "Sprawy" group read the applications that become their cases (and
# the anonymous reports), with their files.
CASES_GROUP = "Sprawy"
CLERK_PERMISSIONS = {"eservices": ["view_submission"]}


def set_up_eservices_group() -> None:
    """The town's "E-usługi" group (in the town's schema); safe to run again."""
    grant(ESERVICES_GROUP, ESERVICES_PERMISSIONS)
    grant(CASES_GROUP, CLERK_PERMISSIONS)
