"""Who may do what with the cases' records in the Wagtail admin."""

from __future__ import annotations

from eurzad.core.permission_policies import RecordsPolicy


class DeliveriesAreRecords(RecordsPolicy):
    """Deliveries come only from sending a letter, and stay: nobody adds or deletes one."""

    refused = frozenset({"add", "delete"})
