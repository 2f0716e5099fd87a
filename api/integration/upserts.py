"""Bulk upserts of the integration API, by the very rules of the CSV imports.

Each JSON item becomes a :class:`eurzad.core.csv_rows.Row` (numbers and booleans as
text) and goes through the same per-row function as a CSV row of that kind, in its own
savepoint: an item is imported, updated, unchanged or rejected with its reasons by field,
and a rejected item never blocks the others. Records are keyed by (the client's
``source``, external id), so the same call twice changes nothing the second time and a
system that imported CSV files under ``--source X`` continues through the API with
``source = X``.

Installments, the bulk of a town's data, take a batch path: the call's obligations and
existing installments are read in one query each, the items are checked in Python and
written with ``bulk_create``/``bulk_update``; only when the batch collides with a
concurrent write are its new rows retried one by one in savepoints. The schedule check
(warnings) covers the obligations whose installments the call added or changed; a call
that changes nothing warns of nothing again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from eurzad.cases.imports import import_case_row
from eurzad.core.csv_rows import (
    IMPORTED,
    UNCHANGED,
    UPDATED,
    ImportReport,
    Row,
    RowError,
    row_from_mapping,
    run_row,
    set_changed,
)
from eurzad.core.masking import mask
from eurzad.core.page_cache import bump_generation
from eurzad.finance.imports import Importer, duplicate_id, unknown_obligation
from eurzad.finance.models import Installment, Obligation
from eurzad.parties.imports import PARTY_DETAILS, create_party, find_party, party_reference
from eurzad.registers.budget.imports import BudgetImporter
from eurzad.registers.budget.models import BudgetYear
from eurzad.registers.imports import EntryImporter, PropertyImporter

MAX_ITEMS = 1000
REJECTED = "rejected"
NON_FIELD = "non_field_errors"


@dataclass
class ItemResult:
    index: int
    external_id: str
    result: str
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class UpsertOutcome:
    """What one call did, item by item, and the totals."""

    items: list[ItemResult]

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys((IMPORTED, UPDATED, UNCHANGED, REJECTED), 0)
        for item in self.items:
            totals[item.result] += 1
        totals["warnings"] = sum(len(item.warnings) for item in self.items)
        return totals


def _error(error: RowError) -> dict[str, str]:
    return {error.column or NON_FIELD: error.message}


# --- what identifies an item in the answer ----------------------------------------------


def _own_id(row: Row) -> str:
    return row.text("external_id")


def _installment_id(row: Row) -> str:
    return f"{row.text('obligation_external_id')}#{row.text('number')}"


def _component_id(row: Row) -> str:
    return f"{row.text('obligation_external_id')}: {row.text('name')}"[:120]


def _budget_id(row: Row) -> str:
    return "/".join(filter(None, (row.text("side"), row.text("rozdzial"), row.text("paragraf"))))


# --- parties (no CSV of their own: they come with obligations) -------------------------


class PartyUpserter:
    """A Party named by any of its identifiers: a new one is created as the obligations
    import creates it; a known one gets the details the item carries (an omitted field is
    left as it is)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def import_row(self, line: int, row: Row) -> str:
        party, identifiers = find_party(row)
        key = "|".join(identifiers.values())
        if key in self.seen:
            raise duplicate_id("party_external_id")
        self.seen.add(key)
        if party is None:
            create_party(row, identifiers)
            return IMPORTED
        wanted: dict[str, Any] = {
            column: row.text(column) for column in PARTY_DETAILS if column in row.values
        }
        for column, name in (
            ("party_external_id", "external_id"),
            ("pesel", "pesel"),
            ("nip", "nip"),
        ):
            if identifiers[column] and not getattr(party, name):
                wanted[name] = identifiers[column]
        changed = set_changed(party, wanted)
        if not changed:
            return UNCHANGED
        try:
            party.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            column = {"external_id": "party_external_id"}.get(name, name)
            raise RowError("" if name == "__all__" else column, " ".join(messages)) from None
        party.save()
        return UPDATED


def _party_id(row: Row) -> str:
    return party_reference(row)


# --- the kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of upsert: its scope, how its per-row importer is made and what names an
    item in the answer."""

    name: str
    scope: str
    external_id: Callable[[Row], str]
    nested: str = ""


KINDS: dict[str, Kind] = {
    "parties": Kind("parties", "parties", _party_id),
    "obligations": Kind("obligations", "finance", _own_id),
    "components": Kind("components", "finance", _component_id),
    "installments": Kind("installments", "finance", _installment_id),
    "payments": Kind("payments", "finance", _own_id),
    "balances": Kind("balances", "finance", _own_id),
    "cases": Kind("cases", "cases", _own_id),
    "register-entries": Kind("register-entries", "registers", _own_id, nested="values"),
    "budget": Kind("budget", "budget", _budget_id),
    "property": Kind("property", "property", _own_id),
}


def _safe_external_id(kind: Kind, row: Row) -> str:
    """The item's id for the answer, never a full PESEL."""
    value = kind.external_id(row)
    return mask(value) if value.isdigit() and len(value) == 11 else value


def upsert(
    kind_name: str, items: list[Any], *, source: str, year: int | None = None
) -> UpsertOutcome:
    """Upsert ``items`` (at most :data:`MAX_ITEMS`) of ``kind_name`` under ``source``
    in the current town's schema, each in its own savepoint (installments in a batch);
    ``year`` is the budget year for ``budget``. Returns the result of every item."""
    kind = KINDS[kind_name]
    results: list[ItemResult | None] = [None] * len(items)
    rows: list[tuple[int, Row]] = []
    for index, item in enumerate(items):
        try:
            row = row_from_mapping(item, nested=kind.nested)
        except RowError as error:
            results[index] = ItemResult(index, "", REJECTED, _error(error))
            continue
        rows.append((index, row))
    report = ImportReport(kind=kind_name, source=source)
    with transaction.atomic():
        if kind_name == "installments":
            outcomes = _installments_batch(rows, source, report)
        else:
            import_row = _importer(kind_name, source, year, report)
            outcomes = {index: run_row(import_row, index, row) for index, row in rows}
        if kind_name in ("budget",) and any(
            not isinstance(outcome, RowError) and outcome != UNCHANGED
            for outcome in outcomes.values()
        ):
            transaction.on_commit(bump_generation)  # the public budget pages are cached
    warnings: dict[int, list[str]] = {}
    for issue in report.warnings:
        warnings.setdefault(issue.row, []).append(issue.message)
    for index, row in rows:
        outcome = outcomes[index]
        external_id = _safe_external_id(kind, row)
        if isinstance(outcome, RowError):
            results[index] = ItemResult(index, external_id, REJECTED, _error(outcome))
        else:
            results[index] = ItemResult(
                index, external_id, outcome, warnings=warnings.get(index, [])
            )
    return UpsertOutcome([result for result in results if result is not None])


def _importer(
    kind_name: str, source: str, year: int | None, report: ImportReport
) -> Callable[[int, Row], str]:
    if kind_name in ("obligations", "components", "payments", "balances"):
        return Importer(kind_name, source, report).import_row
    if kind_name == "parties":
        return PartyUpserter().import_row
    if kind_name == "cases":
        return lambda line, row: import_case_row(row, source)
    if kind_name == "register-entries":
        return EntryImporter(source).import_row
    if kind_name == "property":
        return PropertyImporter(source).import_row
    if kind_name == "budget":
        assert year is not None
        budget_year, _created = BudgetYear.objects.get_or_create(year=year)
        return BudgetImporter(budget_year).import_row
    raise KeyError(kind_name)


# --- installments in a batch ------------------------------------------------------------


def _check_fields(installment: Installment) -> None:
    """The model's field checks (digits, minimum) without a query per row."""
    try:
        installment.clean_fields(exclude=["obligation"])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise RowError(name, " ".join(messages)) from None


def _installments_batch(
    rows: list[tuple[int, Row]], source: str, report: ImportReport
) -> dict[int, str | RowError]:
    """Installments of one call in a handful of queries, same rules and messages as
    :meth:`eurzad.finance.imports.Importer.import_installments`."""
    outcomes: dict[int, str | RowError] = {}
    parsed = []
    for index, row in rows:
        try:
            external_id = row.text("obligation_external_id", required=True)
            number = row.integer("number", low=1, high=366)
            values = {"due_date": row.date("due_date"), "amount": row.amount("amount")}
        except RowError as error:
            outcomes[index] = error
            continue
        parsed.append((index, row, external_id, number, values))
    obligations = {
        obligation.external_id: obligation
        for obligation in Obligation.objects.filter(
            source=source, external_id__in={item[2] for item in parsed}
        )
    }
    # Locked in primary-key order, as book_payment locks them: no deadlock between the two.
    existing = {
        (installment.obligation_id, installment.number): installment
        for installment in Installment.objects.select_for_update()
        .filter(obligation__in=list(obligations.values()))
        .order_by("pk")
    }
    importer = Importer("installments", source, report)
    to_create: list[tuple[int, Row, Installment]] = []
    to_update: list[Installment] = []
    for index, row, external_id, number, values in parsed:
        obligation = obligations.get(external_id)
        try:
            if obligation is None:
                raise unknown_obligation()
            importer.once((obligation.pk, number), "number")
            installment = existing.get((obligation.pk, number))
            if installment is None:
                installment = Installment(obligation=obligation, number=number, **values)
                _check_fields(installment)
                installment.refresh_state()
                to_create.append((index, row, installment))
                outcome = IMPORTED
            else:
                old = (installment.due_date, installment.amount)
                if set_changed(installment, values):
                    try:
                        _check_fields(installment)
                    except RowError:
                        installment.due_date, installment.amount = old
                        raise
                    installment.refresh_state()
                    to_update.append(installment)
                    outcome = UPDATED
                else:
                    outcome = UNCHANGED
        except RowError as error:
            outcomes[index] = error
            continue
        if outcome != UNCHANGED:  # schedules are checked where something changed
            importer.touched.setdefault(obligation.pk, index)
        outcomes[index] = outcome
    if to_update:
        Installment.objects.bulk_update(to_update, ["due_date", "amount", "state"], batch_size=500)
    if to_create:
        try:
            with transaction.atomic():
                Installment.objects.bulk_create(
                    [item for _i, _r, item in to_create], batch_size=500
                )
        except IntegrityError:
            # Someone wrote some of them meanwhile: one by one, each in its own savepoint.
            retry = Importer("installments", source, ImportReport("installments", source))
            for index, row, _installment in to_create:
                outcomes[index] = run_row(retry.import_row, index, row)
    importer.check_schedules()
    return outcomes
