"""Installment reminders: a few days before the due date, and once when it has passed.

Who is told: the Party's own resident account, and every resident holding a live mandate
for the Party with the "pay" scope (wgląd i płatności) — they are the ones who can act on
a reminder. A "view" mandate sees the obligation in the portal but gets no reminders: a
bookkeeper looking at a firm's taxes should not be told to pay them.

Each person is told at most once per installment and reason: the notification key
``installment-reminder:<installment id>:<reason>`` is unique per recipient in the
database, so running the job twice, or twice at once, changes nothing.

Days count from the real end of the term: a due date on a Saturday, Sunday or public
holiday moves to the next working day (Ordynacja podatkowa art. 12 § 5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from eurzad.finance.models import FinanceSettings, Installment
from eurzad.finance.schedules import effective_due_date
from eurzad.identity.models import Representation, Resident
from eurzad.notifications.services import send
from eurzad.parties.models import Party

UPCOMING = "upcoming"
OVERDUE = "overdue"
REASONS = {UPCOMING: "installment_due", OVERDUE: "installment_overdue"}
# Turning reminders on (or a first import of old data) must not flood people with notices
# about arrears of past years: an overdue reminder is sent only within this many days of
# the day it became due.
OVERDUE_WINDOW_DAYS = 30
# The longest run of days off in a Polish year (24–26 December next to a weekend): how
# far a stated due date may lie before its real end of term.
LONGEST_BREAK_DAYS = 7


def reminder_key(installment: Installment, reason: str) -> str:
    return f"installment-reminder:{installment.pk}:{reason}"


def obligation_link(obligation_id: int) -> str:
    return f"/konto/zobowiazania/{obligation_id}/"


def recipients(party: Party, on: date) -> list[Any]:
    """The accounts to remind about ``party``'s installments: its own resident and the
    residents with a live mandate to pay for it (active users only, each once)."""
    residents = list(Resident.objects.filter(party=party).select_related("user"))
    mandates = (
        Representation.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
            party=party,
            scope__in=[Representation.Scope.PAY, Representation.Scope.FILE],
            valid_from__lte=on,
            revoked_at__isnull=True,
        )
        .select_related("resident__user")
        .order_by("pk")
    )
    residents += [mandate.resident for mandate in mandates]
    users: dict[int, Any] = {}
    for resident in residents:
        if resident.user.is_active:
            users.setdefault(resident.user.pk, resident.user)
    return list(users.values())


@dataclass(frozen=True)
class Due:
    installment: Installment
    reason: str
    ends_on: date


def installments_to_remind(today: date, settings: FinanceSettings) -> list[Due]:
    """The unpaid installments whose reminder is due today (before or after the term)."""
    unpaid = (
        Installment.objects.filter(
            state__in=[Installment.State.OPEN, Installment.State.PARTIAL],
            amount__gt=F("paid"),
        )
        .select_related("obligation__kind", "obligation__party")
        .order_by("due_date", "pk")
    )
    due: list[Due] = []
    ahead = today + timedelta(days=settings.reminder_days_before)
    for installment in unpaid.filter(
        due_date__gte=today - timedelta(days=LONGEST_BREAK_DAYS), due_date__lte=ahead
    ):
        ends_on = effective_due_date(installment.due_date)
        if today <= ends_on <= ahead:
            due.append(Due(installment, UPCOMING, ends_on))
    if settings.overdue_reminder_enabled:
        after = timedelta(days=settings.overdue_days_after)
        earliest = today - after - timedelta(days=OVERDUE_WINDOW_DAYS + LONGEST_BREAK_DAYS)
        for installment in unpaid.filter(due_date__gte=earliest, due_date__lt=today - after):
            ends_on = effective_due_date(installment.due_date)
            # Overdue from the day after the term; reminded ``overdue_days_after`` later.
            remind_from = ends_on + after + timedelta(days=1)
            if remind_from <= today < remind_from + timedelta(days=OVERDUE_WINDOW_DAYS):
                due.append(Due(installment, OVERDUE, ends_on))
    return due


def remind(due: Iterable[Due], on: date) -> int:
    """Notify each recipient of each installment once; returns how many notices went out
    (those sent before are skipped)."""
    sent = 0
    people: dict[int, list[Any]] = {}
    for item in due:
        installment = item.installment
        party = installment.obligation.party
        if party.pk not in people:
            people[party.pk] = recipients(party, on)
        if not people[party.pk]:
            continue
        context = {
            "installment": installment,
            "link": obligation_link(installment.obligation_id),
            "on": on,
        }
        for user in people[party.pk]:
            notification = send(
                REASONS[item.reason],
                user,
                context,
                key=reminder_key(installment, item.reason),
                party=party,
            )
            if notification is not None:
                sent += 1
    return sent


def send_installment_reminders(today: date | None = None) -> int:
    """Send today's installment reminders in the current town (per its
    :class:`FinanceSettings`); returns how many notifications were created."""
    settings = FinanceSettings.load()
    if not settings.reminders_enabled:
        return 0
    today = today or timezone.localdate()
    return remind(installments_to_remind(today, settings), today)
