"""The case statuses every town starts with, and the "Sprawy" staff group; the office
changes the statuses in the admin."""

from __future__ import annotations

from eurzad.cases.models import CaseStatus
from eurzad.core.staff_groups import grant, managing

# (code, name, waiting for the resident, final, hint for the resident)
STATUSES = [
    ("zlozona", "złożona", False, False, ""),
    ("w-toku", "w toku", False, False, ""),
    ("wezwanie", "wezwanie do uzupełnienia", True, False,
     "Uzupełnij braki wskazane w wezwaniu w podanym w nim terminie."),
    ("zawieszona", "zawieszona", False, False, ""),
    ("zakonczona", "zakończona", False, True, ""),
    ("umorzona", "umorzona", False, True, ""),
]  # fmt: skip


def ensure_default_statuses() -> None:
    """Create the standard statuses once; never overwrite the office's edits."""
    for order, (code, name, waiting, final, hint) in enumerate(STATUSES):
        CaseStatus.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "waiting_for_resident": waiting,
                "final": final,
                "resident_hint": hint,
                "order": order,
            },
        )


CASES_GROUP = "Sprawy"
CASES_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "cases": [
        *managing("case", "casestatus", "casestatuschange", "casedocument"),
        # Deliveries and their evidence are the providers' record: staff read them, and
        # send again a letter that failed; nobody edits or deletes evidence.
        "view_letterdelivery",
        "change_letterdelivery",
        "view_letterevidence",
    ],
}


def set_up_cases_group() -> None:
    """The town's "Sprawy" staff group: cases, their letters and statuses (in the town's
    schema); safe to run again."""
    grant(CASES_GROUP, CASES_PERMISSIONS)
