"""CSV import from the town's tax and fee system: valid rows are upserted, bad rows are
rejected one by one with a clear reason, a second import changes nothing, payments are
booked once, and each town's import stays in its own schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django_tenants.utils import schema_context

from eurzad.finance.imports import ImportFileError, import_file
from eurzad.finance.models import Installment, Obligation, ObligationComponent, Payment
from eurzad.parties.models import Party
from tests.finance.import_factories import bad_checksum, csv_text, nip, nrb, pesel

OBLIGATION_HEADER = [
    "external_id", "party_external_id", "pesel", "nip", "first_name", "last_name", "name",
    "street", "postal_code", "city", "kind", "year", "document_number", "document_date",
    "bank_account", "amount",
]  # fmt: skip
INSTALLMENT_HEADER = ["obligation_external_id", "number", "due_date", "amount"]
PAYMENT_HEADER = [
    "external_id", "party_external_id", "pesel", "nip", "obligation_external_id", "booked_on",
    "amount", "channel", "title", "installments",
]  # fmt: skip


def _obligation_row(external_id: str, **values: object) -> list[object]:
    row = dict.fromkeys(OBLIGATION_HEADER, "")
    row.update(
        external_id=external_id, kind="podatek-od-nieruchomosci", year="2026",
        document_number=f"FN.3120.{external_id}", document_date="2026-02-10",
        bank_account=nrb(), amount="400,00", street="Główna 1", postal_code="34-210",
        city="Zembrzyce",
    )  # fmt: skip
    row.update(values)
    return [row[column] for column in OBLIGATION_HEADER]


def _person(external_id: str, person_pesel: str, **values: object) -> list[object]:
    return _obligation_row(
        external_id, pesel=person_pesel, first_name="Anna", last_name="Testowa", **values
    )


def _installments(external_id: str, amount: str = "100.00") -> list[list[object]]:
    days = ["2026-03-16", "2026-05-15", "2026-09-15", "2026-11-16"]
    return [[external_id, number, day, amount] for number, day in enumerate(days, 1)]


def test_obligations_import_creates_parties_and_obligations(towns):
    person, firm_nip = pesel(), nip()
    rows = [
        _person("IMP-1", person),
        _obligation_row("IMP-2", nip=firm_nip, name="Tartak Sp. z o.o.", amount="1 200.50"),
        _person("IMP-3", person, kind="oplata-odpady", amount="240.00"),  # same person again
    ]
    with schema_context("zembrzyce"):
        report = import_file("obligations", csv_text(OBLIGATION_HEADER, rows))
        assert (report.imported, report.updated, report.rejected) == (3, 0, 0), report.lines()
        anna = Party.objects.get(pesel=person)
        assert anna.kind == "natural" and anna.display_name == "Anna Testowa"
        firm = Party.objects.get(nip=firm_nip)
        assert firm.kind == "legal"
        first = Obligation.objects.get(source="import", external_id="IMP-1")
        assert first.party == anna and first.amount == Decimal("400.00")
        assert first.document_date == date(2026, 2, 10) and len(first.bank_account) == 26
        assert Obligation.objects.get(external_id="IMP-2").amount == Decimal("1200.50")
        assert anna.obligations.count() == 2


def test_components_and_installments_import_for_known_obligations(towns):
    person = pesel()
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("IMP-C", person)]))
        components = csv_text(
            ["obligation_external_id", "name", "base", "unit", "rate", "amount"],
            [["IMP-C", "Budynki mieszkalne", "120,5", "m²", "1,15", "138,58"],
             ["IMP-C", "Grunty pozostałe", "800", "m²", "0,33", "264,00"],
             ["IMP-C", "Ulga", "", "", "", "-2,58"]],
        )  # fmt: skip
        report = import_file("components", components)
        assert report.imported == 3 and report.rejected == 0, report.lines()
        report = import_file("installments", csv_text(INSTALLMENT_HEADER, _installments("IMP-C")))
        assert report.imported == 4 and not report.issues, report.lines()
        obligation = Obligation.objects.get(external_id="IMP-C")
        assert [c.amount for c in obligation.components.all()] == [
            Decimal("138.58"), Decimal("264.00"), Decimal("-2.58"),
        ]  # fmt: skip
        assert obligation.components.get(name="Budynki mieszkalne").base == Decimal("120.5")
        assert list(obligation.installments.values_list("number", "state")) == [
            (1, "open"), (2, "open"), (3, "open"), (4, "open"),
        ]  # fmt: skip


def test_bad_rows_are_rejected_with_a_reason_and_the_rest_imports(towns):
    person = pesel()
    good_nip = nip()
    rows = [
        _person("OK-1", person),  # line 2
        _person("BAD-PESEL", bad_checksum(pesel())),  # 3
        _obligation_row("BAD-NIP", nip=bad_checksum(good_nip), name="Firma"),  # 4
        _person("BAD-NRB", pesel(), bank_account=bad_checksum(nrb())),  # 5
        _person("BAD-AMOUNT", pesel(), amount="-10,00"),  # 6
        _person("BAD-KIND", pesel(), kind="podatek-od-psow"),  # 7
        _person("BAD-DATE", pesel(), document_date="15.02.2026"),  # 8
        ["SHORT", "", pesel()],  # 9: the row ends before kind, year, amount
        _person("BAD-YEAR", pesel(), year="26"),  # 10
        _person("BAD-FORMAT", pesel(), amount="1.200,00"),  # 11
        _person("OK-2", pesel()),  # 12
    ]
    with schema_context("zembrzyce"):
        report = import_file("obligations", csv_text(OBLIGATION_HEADER, rows))
        assert (report.imported, report.rejected) == (2, 9), report.lines()
        by_row = {issue.row: issue for issue in report.rejections}
        assert by_row[3].column == "pesel" and "Numer PESEL jest nieprawidłowy" in by_row[3].message
        assert by_row[4].column == "nip" and "Numer NIP jest nieprawidłowy." in by_row[4].message
        assert (
            by_row[5].column == "bank_account"
            and "Numer rachunku bankowego jest nieprawidłowy." in by_row[5].message
        )
        assert by_row[6].column == "amount" and "Kwota nie może być ujemna." in by_row[6].message
        assert by_row[7].column == "kind" and "Nieznany rodzaj zobowiązania" in by_row[7].message
        assert by_row[8].column == "document_date" and "RRRR-MM-DD" in by_row[8].message
        assert by_row[9].column == "kind" and "Brak wartości w kolumnie." in by_row[9].message
        assert by_row[10].column == "year"
        assert by_row[11].column == "amount" and "Kwota ma zły format" in by_row[11].message
        # Polish here; in English for an English-speaking clerk.
        assert by_row[3].message.startswith("Numer PESEL jest nieprawidłowy")
        with translation.override("en"):
            in_english = import_file("obligations", csv_text(OBLIGATION_HEADER, rows), dry_run=True)
        reasons = {issue.row: issue.message for issue in in_english.rejections}
        assert reasons[3].startswith("The PESEL number is invalid")
        assert set(Obligation.objects.filter(external_id__in=[r[0] for r in rows])
                   .values_list("external_id", flat=True)) == {"OK-1", "OK-2"}  # fmt: skip
        # A rejected row leaves no half-created Party behind.
        assert not Party.objects.filter(name="Firma").exists()


def test_the_report_never_shows_a_full_pesel(towns, tmp_path):
    wrong = bad_checksum(pesel())
    unknown_kind = pesel()
    rows = [_person("P-1", wrong), _person("P-2", unknown_kind, kind="nie-ma")]
    path = tmp_path / "zobowiazania.csv"
    path.write_text(csv_text(OBLIGATION_HEADER, rows).getvalue(), encoding="utf-8")
    report_path = tmp_path / "odrzucone.csv"
    out = _run("zembrzyce", "obligations", path, "--report", str(report_path))
    written = report_path.read_text(encoding="utf-8")
    for text in (out, written):
        assert wrong not in text and unknown_kind not in text
        assert "*******" + unknown_kind[-4:] in text  # masked reference
    assert written.splitlines()[0] == "row;level;column;reference;message"
    assert "2;rejected;pesel;" in written and "3;rejected;kind;" in written


def test_a_file_without_a_required_column_is_refused_as_a_whole(towns):
    header = [c for c in OBLIGATION_HEADER if c != "amount"]
    with schema_context("zembrzyce"), pytest.raises(ImportFileError) as refused:
        import_file("obligations", csv_text(header, [["X"] * len(header)]))
    assert "amount" in str(refused.value) and "Brak wymaganych kolumn w nagłówku" in str(
        refused.value
    )


def test_reimporting_the_same_files_changes_nothing(towns):
    person = pesel()
    obligations = [_person("RE-1", person), _person("RE-2", person, kind="oplata-odpady")]
    installments = _installments("RE-1") + _installments("RE-2", "60,00")
    payments = [["PAY-RE-1", "", person, "", "RE-1", "2026-03-10", "150.00", "transfer",
                 "Podatek", ""]]  # fmt: skip
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, obligations))
        import_file("installments", csv_text(INSTALLMENT_HEADER, installments))
        import_file("payments", csv_text(PAYMENT_HEADER, payments))
        before = _snapshot()
        again = [
            import_file("obligations", csv_text(OBLIGATION_HEADER, obligations)),
            import_file("installments", csv_text(INSTALLMENT_HEADER, installments)),
            import_file("payments", csv_text(PAYMENT_HEADER, payments)),
        ]
        assert [(r.imported, r.updated, r.unchanged, r.rejected) for r in again] == [
            (0, 0, 2, 0), (0, 0, 8, 0), (0, 0, 1, 0),
        ]  # fmt: skip
        assert _snapshot() == before


def _snapshot() -> dict[str, list]:
    return {
        "obligations": list(Obligation.objects.order_by("pk").values()),
        "installments": list(Installment.objects.order_by("pk").values()),
        "payments": list(Payment.objects.order_by("pk").values()),
        "parties": list(Party.objects.order_by("pk").values()),
        "components": list(ObligationComponent.objects.order_by("pk").values()),
    }


def test_a_changed_row_updates_the_obligation_and_its_installment(towns):
    person = pesel()
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("UP-1", person)]))
        import_file("installments", csv_text(INSTALLMENT_HEADER, _installments("UP-1")))
        report = import_file(
            "obligations", csv_text(OBLIGATION_HEADER, [_person("UP-1", person, amount="440")])
        )
        assert report.updated == 1
        rows = _installments("UP-1")
        rows[0][3] = "140.00"
        report = import_file("installments", csv_text(INSTALLMENT_HEADER, rows))
        assert (report.updated, report.unchanged) == (1, 3), report.lines()
        assert Obligation.objects.get(external_id="UP-1").amount == Decimal("440.00")
        assert Installment.objects.get(obligation__external_id="UP-1", number=1).amount == 140


def test_installments_that_differ_from_the_towns_schedule_are_imported_with_a_warning(towns):
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("WARN-1", pesel())]))
        rows = _installments("WARN-1")
        rows[1][2] = "2026-06-30"
        report = import_file("installments", csv_text(INSTALLMENT_HEADER, rows))
        assert report.imported == 4 and report.rejected == 0
        assert len(report.warnings) == 1
        assert "różni się od harmonogramu gminy" in report.warnings[0].message
        # Never silently changed.
        installment = Installment.objects.get(obligation__external_id="WARN-1", number=2)
        assert installment.due_date == date(2026, 6, 30)


def test_installment_rows_for_unknown_obligations_or_bad_values_are_rejected(towns):
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("INS-1", pesel())]))
        rows = [
            ["INS-1", "1", "2026-03-16", "100.00"],
            ["NIE-MA", "1", "2026-03-16", "100.00"],
            ["INS-1", "2", "2026-05-32", "100.00"],
            ["INS-1", "3", "2026-09-15", "0"],
            ["INS-1", "1", "2026-03-16", "100.00"],
        ]
        report = import_file("installments", csv_text(INSTALLMENT_HEADER, rows))
        assert report.imported == 1 and report.rejected == 4
        columns = [(i.row, i.column) for i in report.rejections]
        assert columns == [
            (3, "obligation_external_id"), (4, "due_date"), (5, "amount"), (6, "number"),
        ]  # fmt: skip
        assert "Ten identyfikator wystąpił już wcześniej w pliku." in report.rejections[-1].message


def test_payments_settle_installments_and_a_reimport_does_not_book_them_again(towns):
    person = pesel()
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("PAY-O", person)]))
        import_file("installments", csv_text(INSTALLMENT_HEADER, _installments("PAY-O")))
        payments = csv_text(PAYMENT_HEADER, [
            ["PAY-1", "", person, "", "PAY-O", "2026-03-12", "100,00", "transfer", "rata 1", ""],
            ["PAY-2", "", person, "", "PAY-O", "2026-04-02", "150,00", "cash", "", "3,4"],
            ["PAY-3", "", pesel(), "", "", "2026-04-02", "10,00", "cash", "", ""],
            ["PAY-4", "", person, "", "PAY-O", "2026-04-02", "10,00", "czek", "", ""],
            ["PAY-5", "", person, "", "PAY-O", "2026-04-02", "10,00", "cash", "", "9"],
        ])  # fmt: skip
        report = import_file("payments", payments)
        assert (report.imported, report.rejected) == (2, 3), report.lines()
        assert [(i.row, i.column) for i in report.rejections] == [
            (4, "party_external_id"), (5, "channel"), (6, "installments"),
        ]  # fmt: skip
        states = dict(
            Installment.objects.filter(obligation__external_id="PAY-O").values_list(
                "number", "paid"
            )
        )
        assert states == {1: 100, 2: 0, 3: 100, 4: 50}
        payments.seek(0)
        again = import_file("payments", payments)
        assert (again.imported, again.unchanged) == (0, 2)
        assert Payment.objects.filter(external_id__in=["PAY-1", "PAY-2"]).count() == 2
        assert sum(
            Installment.objects.filter(obligation__external_id="PAY-O").values_list(
                "paid", flat=True
            )
        ) == Decimal("250.00")


def test_a_payment_id_reused_with_other_data_is_rejected_not_changed(towns):
    person = pesel()
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, [_person("PX-O", person)]))
        row = ["PX-1", "", person, "", "PX-O", "2026-03-12", "100,00", "transfer", "", ""]
        import_file("payments", csv_text(PAYMENT_HEADER, [row]))
        changed = [*row[:6], "90,00", *row[7:]]
        report = import_file("payments", csv_text(PAYMENT_HEADER, [changed]))
        assert (
            report.rejected == 1
            and "jest już zaksięgowana z innymi danymi" in report.rejections[0].message
        )
        assert Payment.objects.get(external_id="PX-1").amount == Decimal("100.00")


def test_dry_run_validates_and_counts_but_saves_nothing(towns):
    with schema_context("zembrzyce"):
        report = import_file(
            "obligations", csv_text(OBLIGATION_HEADER, [_person("DRY-1", pesel())]), dry_run=True
        )
        assert report.imported == 1 and report.dry_run
        assert not Obligation.objects.filter(external_id="DRY-1").exists()


def test_a_separate_source_keeps_its_own_ids(towns):
    person = pesel()
    rows = [_person("SRC-1", person)]
    with schema_context("zembrzyce"):
        import_file("obligations", csv_text(OBLIGATION_HEADER, rows))
        report = import_file("obligations", csv_text(OBLIGATION_HEADER, rows), source="ezd")
        assert report.imported == 1
        assert Obligation.objects.filter(external_id="SRC-1").count() == 2


def _run(town: str, kind: str, path: Path, *extra: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_finance", str(path), "--town", town, "--kind", kind, *extra, stdout=out)
    return out.getvalue()


def test_the_command_imports_into_zembrzyce_and_never_touches_glogow(towns, tmp_path):
    person = pesel()
    path = tmp_path / "zobowiazania.csv"
    path.write_text(
        "\ufeff" + csv_text(OBLIGATION_HEADER, [_person("CROSS-1", person)]).getvalue(),
        encoding="utf-8",
    )
    with schema_context("glogow"):
        glogow_before = (Obligation.objects.count(), Party.objects.count())
    out = _run("zembrzyce", "obligations", path)
    assert "nowe 1" in out
    with schema_context("zembrzyce"):
        assert Obligation.objects.filter(external_id="CROSS-1").exists()
        assert Party.objects.filter(pesel=person).exists()
    with schema_context("glogow"):
        assert (Obligation.objects.count(), Party.objects.count()) == glogow_before
        assert not Party.objects.filter(pesel=person).exists()


def test_the_command_refuses_an_unknown_town(tmp_path, towns):
    path = tmp_path / "x.csv"
    path.write_text("external_id\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _run("public", "obligations", path)
    with pytest.raises(CommandError):
        _run("nie-ma-takiej", "obligations", path)
