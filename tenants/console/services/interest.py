"""The statutory interest rates as the operators keep them (console and API): adding,
correcting and deleting a rate or a threshold, each checked and written to the
operators' audit log under the operator's name.

The table is the platform's (public schema, :mod:`eurzad.finance.interest`): every town reads it,
and sees a change at once (:mod:`eurzad.finance.interest.signals` drops the cached table)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eurzad.finance.interest.models import InterestRate, InterestThreshold
from eurzad.finance.interest.table import RATE_REGIMES, TITLES, replaced_by
from tenants.console.models import OperatorAction
from tenants.console.services.actions import Actor, LifecycleError, record

MIN_RATE, MAX_RATE = Decimal("0.01"), Decimal("100")
MAX_AMOUNT = Decimal("999999.99")  # the column's (8 digits, 2 after the point)
CENT = Decimal("0.01")
NO_ANNOUNCEMENT = gettext_lazy(
    "Podaj obwieszczenie, w którym ogłoszono stawkę, np. „M.P. 2026 poz. 250”."
)
NO_THRESHOLD_SOURCE = gettext_lazy(
    "Podaj źródło kwoty, np. cennik Poczty Polskiej z datą, od której obowiązuje."
)
# An obwieszczenie follows the NBP decision by days or weeks: a day further ahead than
# this is a mistyped year.
MAX_DAYS_AHEAD = 366
ANNOUNCEMENT_MAX = InterestRate._meta.get_field("announcement").max_length or 300
URL_MAX = InterestRate._meta.get_field("source_url").max_length or 200

#: The audit log's codes of each table's changes (and the corrections shown in the lists).
CHANGED = {"rate": "interest_rate_changed", "threshold": "interest_threshold_changed"}


@dataclass(frozen=True)
class RateEntry:
    """A rate as typed: the regime, the day it holds from, the annual percentage and the
    announcement it was published in."""

    regime: str
    valid_from: date
    rate: Decimal
    announcement: str
    source_url: str = ""


@dataclass(frozen=True)
class ThresholdEntry:
    """A threshold as typed: the day it holds from, the amount in złoty and its source."""

    valid_from: date
    amount: Decimal
    announcement: str
    source_url: str = ""


# --- rates -------------------------------------------------------------------------------


@transaction.atomic
def add_rate(actor: Actor, entry: RateEntry) -> InterestRate:
    """A new row of the regime's table, entered by ``actor``."""
    row = InterestRate(created_by=actor.name[:150])
    _fill_rate(row, entry)
    _save(row, _duplicate_rate(row.regime, row.valid_from))
    record(actor, "interest_rate_added", details=_rate_details(row))
    return row


@transaction.atomic
def correct_rate(actor: Actor, row: InterestRate, entry: RateEntry) -> list[str]:
    """Correct a row entered wrongly; returns the fields that changed (none: nothing is
    saved or recorded). Who entered the row stays; the log says who corrected it."""
    before = _rate_details(row)
    _fill_rate(row, entry)
    changed = _changes(before, _rate_details(row))
    if changed:
        _save(row, _duplicate_rate(row.regime, row.valid_from))
        record(actor, "interest_rate_changed", details={**_rate_details(row), "changed": changed})
    return list(changed)


@transaction.atomic
def delete_rate(actor: Actor, row: InterestRate, reason: str = "") -> None:
    """Delete a row entered by mistake; the days it covered go to the row before it.
    The only row of a regime cannot go: no obligation of that regime could be charged."""
    if replaced_by(row) is None and not _later_rates(row).exists():
        raise LifecycleError(
            _("To jedyna stawka w tabeli „%(table)s”. Popraw ją zamiast usuwać.")
            % {"table": TITLES[row.regime]}
        )
    details = _rate_details(row)
    row.delete()
    record(actor, "interest_rate_deleted", details={**details, "reason": reason})


def _later_rates(row: InterestRate) -> QuerySet[InterestRate]:
    return InterestRate.objects.filter(regime=row.regime, valid_from__gt=row.valid_from)


def _fill_rate(row: InterestRate, entry: RateEntry) -> None:
    errors = _common_errors(entry.valid_from, entry.announcement, entry.source_url)
    if not entry.announcement.strip():
        errors["announcement"] = [str(NO_ANNOUNCEMENT)]
    if entry.regime not in RATE_REGIMES:
        errors["regime"] = [_("Wybierz rodzaj odsetek: za zwłokę (podatkowe) albo ustawowe.")]
    rate = entry.rate
    if rate is None or not MIN_RATE <= rate <= MAX_RATE:
        errors["rate"] = [_("Stawka roczna musi wynosić od 0,01 do 100 %.")]
    elif rate != rate.quantize(CENT):
        errors["rate"] = [_("Podaj stawkę z dokładnością do setnych części procentu.")]
    if not errors.keys() & {"regime", "valid_from"}:
        taken = InterestRate.objects.filter(regime=entry.regime, valid_from=entry.valid_from)
        if taken.exclude(pk=row.pk).exists():
            errors["valid_from"] = [_duplicate_rate(entry.regime, entry.valid_from)]
    if errors:
        raise ValidationError(errors)
    row.regime = entry.regime
    row.valid_from = entry.valid_from
    row.rate = rate.quantize(CENT)
    row.announcement = entry.announcement.strip()
    row.source_url = entry.source_url.strip()


def _duplicate_rate(regime: str, day: date) -> str:
    return _(
        "Stawka „%(table)s” od %(day)s już jest w tabeli. Popraw tamten wiersz zamiast "
        "dodawać drugi."
    ) % {"table": TITLES[regime], "day": f"{day:%d.%m.%Y}"}


def _rate_details(row: InterestRate) -> dict[str, Any]:
    return {
        "id": row.pk,
        "regime": row.regime,
        "valid_from": row.valid_from.isoformat(),
        "rate": str(row.rate),
        "announcement": row.announcement,
        "source_url": row.source_url,
    }


# --- thresholds --------------------------------------------------------------------------


@transaction.atomic
def add_threshold(actor: Actor, entry: ThresholdEntry) -> InterestThreshold:
    """A new threshold (Ordynacja podatkowa art. 54 § 1 pkt 5), entered by ``actor``."""
    row = InterestThreshold(created_by=actor.name[:150])
    _fill_threshold(row, entry)
    _save(row, _duplicate_threshold(row.valid_from))
    record(actor, "interest_threshold_added", details=_threshold_details(row))
    return row


@transaction.atomic
def correct_threshold(actor: Actor, row: InterestThreshold, entry: ThresholdEntry) -> list[str]:
    """Correct a threshold entered wrongly; returns the fields that changed."""
    before = _threshold_details(row)
    _fill_threshold(row, entry)
    changed = _changes(before, _threshold_details(row))
    if changed:
        _save(row, _duplicate_threshold(row.valid_from))
        record(
            actor,
            "interest_threshold_changed",
            details={**_threshold_details(row), "changed": changed},
        )
    return list(changed)


@transaction.atomic
def delete_threshold(actor: Actor, row: InterestThreshold, reason: str = "") -> None:
    """Delete a threshold entered by mistake (its days go to the one before it, or to no
    threshold at all: interest charged from the first grosz)."""
    details = _threshold_details(row)
    row.delete()
    record(actor, "interest_threshold_deleted", details={**details, "reason": reason})


def _fill_threshold(row: InterestThreshold, entry: ThresholdEntry) -> None:
    errors = _common_errors(entry.valid_from, entry.announcement, entry.source_url)
    if not entry.announcement.strip():
        errors["announcement"] = [str(NO_THRESHOLD_SOURCE)]
    amount = entry.amount
    if amount is None or not Decimal(0) <= amount <= MAX_AMOUNT:
        errors["amount"] = [_("Kwota musi wynosić od 0 do 999 999,99 zł.")]
    elif amount != amount.quantize(CENT):
        errors["amount"] = [
            _("Podaj kwotę w złotych i groszach (najwyżej dwie cyfry po przecinku).")
        ]
    if "valid_from" not in errors:
        taken = InterestThreshold.objects.filter(valid_from=entry.valid_from)
        if taken.exclude(pk=row.pk).exists():
            errors["valid_from"] = [_duplicate_threshold(entry.valid_from)]
    if errors:
        raise ValidationError(errors)
    row.valid_from = entry.valid_from
    row.amount = amount.quantize(CENT)
    row.announcement = entry.announcement.strip()
    row.source_url = entry.source_url.strip()


def _duplicate_threshold(day: date) -> str:
    return _(
        "Kwota obowiązująca od %(day)s już jest w tabeli. Popraw tamten wiersz zamiast "
        "dodawać drugi."
    ) % {"day": f"{day:%d.%m.%Y}"}


def _threshold_details(row: InterestThreshold) -> dict[str, Any]:
    return {
        "id": row.pk,
        "valid_from": row.valid_from.isoformat(),
        "amount": str(row.amount),
        "announcement": row.announcement,
        "source_url": row.source_url,
    }


# --- both --------------------------------------------------------------------------------


def _common_errors(
    valid_from: date | None, announcement: str, source_url: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    latest = timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD)
    if valid_from is None:
        errors["valid_from"] = [_("Podaj dzień, od którego obowiązuje wartość.")]
    elif valid_from > latest:
        errors["valid_from"] = [_("Ta data wypada ponad rok naprzód – sprawdź rok.")]
    if len(announcement.strip()) > ANNOUNCEMENT_MAX:
        errors["announcement"] = [_too_long(_("Opis źródła"), ANNOUNCEMENT_MAX)]
    source_url = source_url.strip()
    if source_url:
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError:
            errors["source_url"] = [_("Podaj pełny adres strony ze źródłem, od https://.")]
        else:
            if len(source_url) > URL_MAX:
                errors["source_url"] = [_too_long(_("Adres źródła"), URL_MAX)]
    return errors


def _too_long(what: str, limit: int) -> str:
    # The limits are the fields' lengths (150, 300): always "znaków".
    return _("%(what)s może mieć najwyżej %(max)d znaków.") % {"what": what, "max": limit}


def _save(row: InterestRate | InterestThreshold, duplicate: str) -> None:
    """Save a checked row. A second row of the same day was refused by the check; when
    two operators save one at once, the database's unique constraint refuses the later."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError({"valid_from": [duplicate]}) from None


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [before, after] of what differs."""
    return {
        name: [before[name], value]
        for name, value in after.items()
        if name != "id" and before.get(name) != value
    }


def corrections(kind: str) -> dict[int, OperatorAction]:
    """The latest correction of each row of a table (``"rate"`` or ``"threshold"``), from
    the audit log: who corrected it and when, shown next to who entered it."""
    latest: dict[int, OperatorAction] = {}
    for entry in OperatorAction.objects.filter(action=CHANGED[kind]).order_by("-created_at"):
        row_id = entry.details.get("id")
        if isinstance(row_id, int):
            latest.setdefault(row_id, entry)
    return latest
