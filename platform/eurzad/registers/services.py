"""Use cases of registers: keeping entries only as long as the register's retention
period says."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.registers.models import RegisterDefinition, RegisterEntry


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def purge_expired_entries(today: date) -> int:
    """Delete the entries whose validity ended (``valid_until``) more than their
    register's ``retention_years`` before ``today``; return how many were deleted.

    An entry that ended exactly ``retention_years`` ago is kept until the next day. An
    entry without an end date is kept whatever its state: the register does not say
    when a revoked or expired entry without one stopped being valid. Each register
    purged is one event in the town's audit log, naming the deleted entries."""
    deleted = 0
    for definition in RegisterDefinition.objects.order_by("pk"):
        keep_from = years_before(today, definition.retention_years)
        expired = RegisterEntry.objects.filter(definition=definition, valid_until__lt=keep_from)
        numbers = sorted(expired.values_list("number", flat=True))
        if not numbers:
            continue
        expired.delete()
        deleted += len(numbers)
        record(
            AuditEvent.Action.REGISTER_ENTRIES_PURGED,
            method="retention",
            register=definition.slug,
            retention_years=definition.retention_years,
            ended_before=keep_from.isoformat(),
            count=len(numbers),
            numbers=numbers,
        )
    return deleted
