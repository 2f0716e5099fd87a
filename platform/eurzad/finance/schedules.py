"""When installments fall due and how much each is: the town's :class:`ScheduleRule`
applied to a year and a yearly amount.

The schedule is used to *check* what the back-office system sends (a mismatch is a
warning in the import report, never silently changed) and by the reminders to know the
real end of a term.

- Natural persons (property, agricultural, forest tax): 15.03, 15.05, 15.09, 15.11; a
  yearly amount not over the rule's threshold (100 zł, ustawa o podatkach i opłatach
  lokalnych art. 6 ust. 7) is due at once on the first date.
- Legal persons: monthly by the 15th, January by the 31st.
- Other fees (waste fee): whatever the town's rule says.
- A term falling on a Saturday, Sunday or public holiday ends on the next working day
  (Ordynacja podatkowa art. 12 § 5).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from eurzad.finance.holidays import next_working_day
from eurzad.finance.models import Installment, Obligation, ObligationKind, ScheduleRule
from eurzad.finance.money import from_grosze, money, to_grosze


def parse_month_day(text: str) -> tuple[int, int]:
    """``"03-15"`` → ``(3, 15)``; raises ValueError for anything else."""
    month_text, sep, day_text = str(text).strip().partition("-")
    if not sep or not (month_text.isdigit() and day_text.isdigit()):
        raise ValueError(f"not MM-DD: {text!r}")
    month, day = int(month_text), int(day_text)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise ValueError(f"not MM-DD: {text!r}")
    return month, day


def _on(year: int, month: int, day: int) -> date:
    # "02-29" in a common year, "day 31" in April: the last day of that month.
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _is_one_off(rule: ScheduleRule, yearly_amount: Decimal | None) -> bool:
    return (
        rule.one_off_threshold is not None
        and yearly_amount is not None
        and money(yearly_amount) <= rule.one_off_threshold
    )


def nominal_due_dates(
    rule: ScheduleRule, year: int, yearly_amount: Decimal | None = None
) -> list[date]:
    """The dates as the rule states them, before moving them off weekends and holidays."""
    if rule.frequency == ScheduleRule.Frequency.MONTHLY:
        dates = [
            _on(year, month, rule.january_day if month == 1 else rule.monthly_day)
            for month in range(1, 13)
        ]
    else:
        dates = sorted(_on(year, *parse_month_day(text)) for text in rule.due_dates or [])
    if dates and _is_one_off(rule, yearly_amount):
        return dates[:1]
    return dates


def due_dates(rule: ScheduleRule, year: int, yearly_amount: Decimal | None = None) -> list[date]:
    """The real due dates of ``year``: the rule's dates (only the first when the yearly
    amount is within the one-off threshold), each moved to the next working day."""
    return [next_working_day(day) for day in nominal_due_dates(rule, year, yearly_amount)]


def split_amount(amount: Decimal, parts: int) -> list[Decimal]:
    """Split into ``parts`` installments in grosze; the remainder goes to the first one
    (as tax offices do: 100,01 zł in four → 25,01 + 3 × 25,00)."""
    if parts <= 0:
        return []
    total = to_grosze(amount)
    base, remainder = divmod(total, parts)
    return [from_grosze(base + (remainder if index == 0 else 0)) for index in range(parts)]


def rule_for(kind: ObligationKind, party_kind: str) -> ScheduleRule | None:
    return ScheduleRule.objects.filter(kind=kind, party_kind=party_kind).first()


def expected_schedule(
    kind: ObligationKind, party_kind: str, year: int, amount: Decimal
) -> list[tuple[date, Decimal]]:
    """What the town's rule says: ``[(due date, amount), …]``; empty without a rule."""
    rule = rule_for(kind, party_kind)
    if rule is None:
        return []
    dates = due_dates(rule, year, amount)
    return list(zip(dates, split_amount(amount, len(dates)), strict=True))


def effective_due_date(day: date) -> date:
    """The real end of a term stated as ``day`` (moved past weekends and holidays)."""
    return next_working_day(day)


@dataclass(frozen=True)
class Mismatch:
    """One difference between an obligation's installments and the town's rule."""

    number: int | None
    message: str


def _matches(stated: date, rule_date: date, nominal: date | None) -> bool:
    # A decision may print the nominal date (15.03 on a Sunday) or the moved one.
    return stated in (rule_date, nominal)


def schedule_mismatches(
    obligation: Obligation, installments: Iterable[Installment] | None = None
) -> list[Mismatch]:
    """How the obligation's installments differ from the town's rule (dates, count, sum)."""
    rule = rule_for(obligation.kind, obligation.party.kind)
    if rule is None:
        return []
    rows = sorted(
        installments if installments is not None else obligation.installments.all(),
        key=lambda installment: installment.number,
    )
    rows = [row for row in rows if row.state != Installment.State.CANCELLED]
    try:
        nominal = nominal_due_dates(rule, obligation.year, obligation.amount)
    except ValueError:
        return [Mismatch(None, _("Harmonogram gminy jest błędny."))]
    expected = [next_working_day(day) for day in nominal]
    problems: list[Mismatch] = []
    if rows and len(rows) != len(expected):
        problems.append(
            Mismatch(
                None,
                _("Liczba rat %(got)d różni się od harmonogramu gminy (%(expected)d).")
                % {"got": len(rows), "expected": len(expected)},
            )
        )
    for position, installment in enumerate(rows):
        if position >= len(expected):
            break
        if not _matches(installment.due_date, expected[position], nominal[position]):
            problems.append(
                Mismatch(
                    installment.number,
                    _(
                        "Termin raty %(number)d (%(got)s) różni się od harmonogramu gminy "
                        "(%(expected)s)."
                    )
                    % {
                        "number": installment.number,
                        "got": installment.due_date.isoformat(),
                        "expected": expected[position].isoformat(),
                    },
                )
            )
    total = sum((row.amount for row in rows), Decimal("0.00"))
    if rows and total != money(obligation.amount):
        problems.append(
            Mismatch(
                None,
                _("Suma rat %(total)s różni się od kwoty zobowiązania %(amount)s.")
                % {"total": total, "amount": money(obligation.amount)},
            )
        )
    return problems
