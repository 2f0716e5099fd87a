"""CSV import of obligations, their components, installments and payments, and of the
balances of accounts by year (rozliczenie), from the town's tax and fee system (format:
docs/operators/finance-import.md).

Every row is validated on its own and imported in its own savepoint: a bad row is
rejected with its row number, column and reason (Polish, English in parentheses) and the
rest of the file goes on. Rows are upserts by (source, external id), so importing the same
file again changes nothing. Payments are booked through
:func:`eurzad.finance.services.book_payment`, once per (source, external id).

The report never holds a full PESEL: messages never repeat the numbers they judge, and
party references are masked.
"""

from __future__ import annotations

import re
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.core.csv_rows import (
    IMPORTED,
    UNCHANGED,
    UPDATED,
    ZERO,
    FileFormat,
    ImportFileError,
    ImportReport,
    Row,
    RowError,
    clean_model,
    dry_run_transaction,
    import_rows,
    read_rows,
    set_changed,
)
from eurzad.finance.models import (
    AccountBalance,
    Installment,
    Obligation,
    ObligationComponent,
    ObligationKind,
    Payment,
)
from eurzad.finance.schedules import schedule_mismatches
from eurzad.finance.services import Target, book_payment
from eurzad.parties.identifiers import normalise_nrb, validate_nrb
from eurzad.parties.imports import (
    PARTY_COLUMNS,
    PARTY_DETAILS,
    create_party,
    find_party,
    party_reference,
)
from eurzad.parties.models import Party

__all__ = ["FORMATS", "KINDS", "ImportFileError", "Importer", "duplicate_id", "import_file",
           "reference", "unknown_obligation"]  # fmt: skip

FORMATS: dict[str, FileFormat] = {
    "obligations": FileFormat(
        required=("external_id", "kind", "year", "amount"),
        optional=(
            *PARTY_DETAILS,
            "document_number",
            "document_date",
            "bank_account",
            "description",
        ),
        one_of=PARTY_COLUMNS,
    ),
    "components": FileFormat(
        required=("obligation_external_id", "name", "amount"),
        optional=("base", "unit", "rate"),
    ),
    "installments": FileFormat(
        required=("obligation_external_id", "number", "due_date", "amount"),
    ),
    "payments": FileFormat(
        required=("external_id", "booked_on", "amount", "channel"),
        optional=("obligation_external_id", "title", "installments"),
        one_of=PARTY_COLUMNS,
    ),
    "balances": FileFormat(
        required=(
            "external_id",
            "kind",
            "year",
            "as_of",
            "assessed",
            "paid",
            "arrears",
            "interest",
            "to_pay",
        ),
        optional=("corrections", "written_off", "overpayment"),
        one_of=PARTY_COLUMNS,
    ),
}
KINDS = tuple(FORMATS)


# --- the importers ------------------------------------------------------------------


def duplicate_id(column: str) -> RowError:
    return RowError(column, _("Ten identyfikator wystąpił już wcześniej w pliku."))


def unknown_obligation(column: str = "obligation_external_id") -> RowError:
    return RowError(
        column,
        _("Nie ma zobowiązania o tym identyfikatorze; najpierw zaimportuj zobowiązania."),
    )


class Importer:
    """One file of one kind, in the current town's schema."""

    def __init__(self, kind: str, source: str, report: ImportReport) -> None:
        self.kind = kind
        self.source = source
        self.report = report
        self.seen: set[object] = set()
        # obligation pk → first row that touched its installments (for schedule checks)
        self.touched: dict[int, int] = {}

    def import_row(self, line: int, row: Row) -> str:
        """Import one row of this importer's kind (``line`` is the row's number, or an
        API item's index); returns imported, updated or unchanged, or raises RowError."""
        if self.kind == "installments":
            return self.import_installments(row, line)
        return getattr(self, f"import_{self.kind}")(row)

    def once(self, key: object, column: str) -> None:
        """A file names each record once: a second row would make re-imports flap."""
        if key in self.seen:
            raise duplicate_id(column)
        self.seen.add(key)

    def obligation_kind(self, row: Row) -> ObligationKind:
        code = row.text("kind", required=True)
        kind = ObligationKind.objects.filter(code=code).first()
        if kind is None:
            raise RowError(
                "kind",
                _("Nieznany rodzaj zobowiązania %(code)s.") % {"code": code[:40]},
            )
        return kind

    def known_party(self, row: Row) -> Party:
        """The Party the row names; it must be known (its obligations imported first)."""
        party, _identifiers = find_party(row)
        if party is None:
            raise RowError(
                "party_external_id",
                _("Nieznana strona; najpierw zaimportuj jej zobowiązania."),
            )
        return party

    def obligation(self, row: Row, column: str = "obligation_external_id") -> Obligation:
        external_id = row.text(column, required=True)
        obligation = (
            Obligation.objects.select_related("party", "kind")
            .filter(source=self.source, external_id=external_id)
            .first()
        )
        if obligation is None:
            raise unknown_obligation(column)
        return obligation

    # obligations ------------------------------------------------------------------

    def import_obligations(self, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        self.once(external_id, "external_id")
        kind = self.obligation_kind(row)
        year = row.integer("year", low=2000, high=2100)
        amount = row.amount("amount", minimum=ZERO)
        bank_account = row.checked("bank_account", validate_nrb, normalise_nrb)
        values = {
            "kind": kind,
            "year": year,
            "amount": amount,
            "bank_account": bank_account,
            "document_number": row.text("document_number"),
            "document_date": row.date("document_date", required=False),
            "description": row.text("description"),
        }
        party, identifiers = find_party(row)
        if party is None:
            party = create_party(row, identifiers)
        values["party"] = party
        obligation = (
            Obligation.objects.select_for_update()
            .filter(source=self.source, external_id=external_id)
            .first()
        )
        if obligation is None:
            obligation = Obligation(source=self.source, external_id=external_id, **values)
            clean_model(obligation)
            obligation.save()
            return IMPORTED
        changed = set_changed(obligation, values)
        if not changed:
            return UNCHANGED
        clean_model(obligation)
        obligation.save()
        return UPDATED

    # components -------------------------------------------------------------------

    def import_components(self, row: Row) -> str:
        obligation = self.obligation(row)
        name = row.text("name", required=True)
        # A component is known by its name within the obligation ("budynki mieszkalne").
        self.once((obligation.pk, name.lower()), "name")
        values = {
            "base": row.amount("base", minimum=None, places=4, required=False),
            "unit": row.text("unit"),
            "rate": row.amount("rate", minimum=None, places=4, required=False),
            # A relief (ulga) may be a negative component.
            "amount": row.amount("amount", minimum=None),
        }
        component = obligation.components.filter(name=name).order_by("pk").first()
        if component is None:
            component = ObligationComponent(obligation=obligation, name=name, **values)
            clean_model(component)
            component.save()
            return IMPORTED
        if not set_changed(component, values):
            return UNCHANGED
        clean_model(component)
        component.save()
        return UPDATED

    # installments -----------------------------------------------------------------

    def import_installments(self, row: Row, line: int) -> str:
        obligation = self.obligation(row)
        number = row.integer("number", low=1, high=366)
        self.once((obligation.pk, number), "number")
        values = {"due_date": row.date("due_date"), "amount": row.amount("amount")}
        self.touched.setdefault(obligation.pk, line)
        # Locked: book_payment changes ``paid`` and ``state`` of the same row.
        installment = (
            Installment.objects.select_for_update().filter(obligation=obligation, number=number)
        ).first()
        if installment is None:
            installment = Installment(obligation=obligation, number=number, **values)
            clean_model(installment)
            installment.refresh_state()
            installment.save()
            return IMPORTED
        if not set_changed(installment, values):
            return UNCHANGED
        clean_model(installment)
        installment.refresh_state()
        installment.save(update_fields=["due_date", "amount", "state"])
        return UPDATED

    def check_schedules(self) -> None:
        for obligation in (
            Obligation.objects.select_related("party", "kind")
            .prefetch_related("installments")
            .filter(pk__in=self.touched)
        ):
            for problem in schedule_mismatches(obligation):
                self.report.warn(
                    self.touched[obligation.pk],
                    "due_date" if problem.number else "",
                    problem.message,
                    obligation.external_id,
                )

    # payments ---------------------------------------------------------------------

    def import_payments(self, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        self.once(external_id, "external_id")
        booked_on = row.date("booked_on")
        amount = row.amount("amount")
        channel = row.text("channel", required=True).lower()
        if channel not in Payment.Channel.values:
            raise RowError(
                "channel",
                _("Nieznany sposób zapłaty; dozwolone: %(values)s.")
                % {"values": ", ".join(Payment.Channel.values)},
            )
        party = self.known_party(row)
        obligation = None
        if row.text("obligation_external_id"):
            obligation = self.obligation(row)
            if obligation.party_id != party.pk:
                raise RowError(
                    "obligation_external_id",
                    _("Zobowiązanie należy do innej strony."),
                )
        targets = self._targets(row, obligation)
        existing = Payment.objects.filter(source=self.source, external_id=external_id).first()
        if existing is not None:
            same = (
                existing.party_id == party.pk
                and existing.amount == amount
                and existing.booked_on == booked_on
            )
            if same:
                return UNCHANGED
            raise RowError(
                "external_id",
                _(
                    "Wpłata o tym identyfikatorze jest już zaksięgowana z innymi danymi; nie "
                    "zmieniono jej."
                ),
            )
        _payment, created = book_payment(
            party=party,
            amount=amount,
            channel=channel,
            source=self.source,
            external_id=external_id,
            booked_on=booked_on,
            targets=targets,
            obligation=obligation,
            title=row.text("title"),
        )
        return IMPORTED if created else UNCHANGED

    def _targets(self, row: Row, obligation: Obligation | None) -> list[Target]:
        raw = row.text("installments")
        if not raw:
            return []
        if obligation is None:
            raise RowError(
                "installments",
                _("Numery rat wymagają obligation_external_id."),
            )
        numbers = []
        for part in re.split(r"[,\s]+", raw):
            if not part:
                continue
            if not part.isdigit():
                raise RowError(
                    "installments",
                    _("Numery rat oddziel przecinkami, np. 1,2."),
                )
            numbers.append(int(part))
        by_number = {
            installment.number: installment.pk
            for installment in obligation.installments.filter(number__in=numbers)
        }
        unknown = [number for number in numbers if number not in by_number]
        if unknown:
            raise RowError(
                "installments",
                _("Zobowiązanie nie ma raty nr %(numbers)s.")
                % {"numbers": ", ".join(map(str, unknown))},
            )
        return [Target(by_number[number]) for number in dict.fromkeys(numbers)]

    # balances ---------------------------------------------------------------------

    def import_balances(self, row: Row) -> str:
        external_id = row.text("external_id", required=True)
        self.once(external_id, "external_id")
        kind = self.obligation_kind(row)
        year = row.integer("year", low=2000, high=2100)
        as_of = row.date("as_of")
        if as_of is not None and as_of > timezone.localdate():
            raise RowError("as_of", _("Stan salda nie może być na dzień w przyszłości."))
        values = {
            "kind": kind,
            "year": year,
            "as_of": as_of,
            "assessed": row.amount("assessed", minimum=ZERO),
            # A decision lowering the amount is a negative correction.
            "corrections": row.amount("corrections", minimum=None, required=False) or ZERO,
            "written_off": row.amount("written_off", minimum=ZERO, required=False) or ZERO,
            "paid": row.amount("paid", minimum=ZERO),
            "arrears": row.amount("arrears", minimum=ZERO),
            "interest": row.amount("interest", minimum=ZERO),
            "overpayment": row.amount("overpayment", minimum=ZERO, required=False) or ZERO,
            "to_pay": row.amount("to_pay", minimum=ZERO),
        }
        party = self.known_party(row)
        values["party"] = party
        # One balance per Party, kind and year: a second row for it would make re-imports flap.
        self.once((party.pk, kind.pk, year), "year")
        balance = (
            AccountBalance.objects.select_for_update()
            .filter(source=self.source, external_id=external_id)
            .first()
        )
        other = AccountBalance.objects.filter(party=party, kind=kind, year=year)
        if balance is not None:
            other = other.exclude(pk=balance.pk)
        taken = other.values_list("source", "external_id").first()
        if taken is not None:
            raise RowError(
                "external_id",
                _(
                    "Strona ma już saldo tego rodzaju za ten rok pod identyfikatorem "
                    "%(other)s; zaktualizuj je pod tym identyfikatorem."
                )
                % {"other": f"{taken[0]}/{taken[1]}"[:80]},
            )
        if balance is None:
            balance = AccountBalance(source=self.source, external_id=external_id, **values)
            clean_model(balance)
            balance.save()
            return IMPORTED
        if as_of is not None and as_of < balance.as_of:
            # Files and calls may arrive out of order: an older statement never replaces a
            # newer one.
            raise RowError(
                "as_of",
                _("Zapisane saldo jest nowsze (stan na %(date)s); nie zmieniono go.")
                % {"date": balance.as_of.strftime("%d.%m.%Y")},
            )
        if not set_changed(balance, values):
            return UNCHANGED
        clean_model(balance)
        balance.save()
        return UPDATED


def reference(kind: str, row: Row) -> str:
    """Which record a row is about, for the report (never a full PESEL)."""
    if kind in ("obligations", "payments", "balances"):
        own = row.text("external_id")
        party = party_reference(row)
        return " / ".join(part for part in (own, party) if part)
    reference = row.text("obligation_external_id")
    extra = row.text("number") if kind == "installments" else row.text("name")
    return f"{reference} #{extra}" if kind == "installments" else f"{reference}: {extra}"[:80]


def import_file(
    kind: str, stream: IO[str], *, source: str = "import", dry_run: bool = False
) -> ImportReport:
    """Import one CSV file of ``kind`` (obligations, components, installments, payments,
    balances) into the current town's schema; returns the report.

    Each row is its own savepoint: a rejected row leaves the others be. With ``dry_run``
    everything is validated and counted, then rolled back.
    Raises :class:`ImportFileError` when the file as a whole cannot be read.
    """
    if kind not in FORMATS:
        raise ImportFileError(_("Nieznany rodzaj pliku %(kind)s.") % {"kind": kind})
    report = ImportReport(kind=kind, source=source, dry_run=dry_run)
    importer = Importer(kind, source, report)

    with dry_run_transaction(dry_run):
        import_rows(report, read_rows(stream, FORMATS[kind]), importer.import_row,
                    lambda row: reference(kind, row))  # fmt: skip
        if kind == "installments":
            importer.check_schedules()
    report.issues.sort(key=lambda issue: (issue.row, issue.level != "rejected"))
    return report
