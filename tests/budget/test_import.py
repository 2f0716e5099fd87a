"""Budget CSV import: lines are upserted by classification, bad rows are rejected with a
bilingual reason and the rest goes on, a second import changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django_tenants.utils import schema_context

from eurzad.registers.budget.classification import classification_errors
from eurzad.registers.budget.imports import ImportFileError, import_budget
from eurzad.registers.budget.models import BudgetLine, BudgetYear

HEADER = "side;dzial;rozdzial;paragraf;description;planned;executed"
GOOD = [
    "dochody;756;75615;0310;Podatek od nieruchomości;1000,00;900,50",
    "wydatki;750;75023;4010;Wynagrodzenia;800.00;",
    "W;801;80101;6050;Termomodernizacja;200;150",
]


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join([HEADER, *rows]) + "\n", newline="")


def test_import_creates_lines_and_a_second_import_changes_nothing(towns):
    with schema_context("zembrzyce"):
        report = import_budget(_csv(*GOOD), year=2031, status="plan")
        assert (report.imported, report.rejected) == (3, 0)
        year = BudgetYear.objects.get(year=2031)
        assert year.status == BudgetYear.Status.PLAN
        line = BudgetLine.objects.get(budget_year=year, rozdzial="75615", paragraf="0310")
        assert (line.side, line.dzial, line.planned, line.executed) == (
            "income",
            "756",
            Decimal("1000.00"),
            Decimal("900.50"),
        )
        again = import_budget(_csv(*GOOD), year=2031)
        assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
        changed = import_budget(_csv(GOOD[0].replace("900,50", "950,00")), year=2031)
        assert changed.updated == 1
        assert BudgetLine.objects.filter(budget_year=year).count() == 3


def test_bad_rows_are_rejected_bilingually_and_the_rest_is_imported(towns):
    rows = [
        GOOD[0],
        "dochody;75;75615;0310;;1;",  # dział of two digits
        "wydatki;750;80101;4010;;1;",  # rozdział of another dział
        "wydatki;750;75023;0310;;1;",  # an income paragraf on the expenditure side
        "zyski;750;75023;4010;;1;",  # no such side
        "wydatki;750;75023;4210;;-5;",  # negative plan
        "dochody;756;75615;0310;dup;1;",  # the same classification twice
    ]
    with schema_context("zembrzyce"):
        report = import_budget(_csv(*rows), year=2032)
        assert (report.imported, report.rejected) == (1, 6)
        by_row = {issue.row: issue for issue in report.rejections}
        assert by_row[3].column == "dzial" and "Dział to trzy cyfry, np. 750." in by_row[3].message
        assert by_row[4].column == "rozdzial" and "Rozdział musi zaczynać się" in by_row[4].message
        assert by_row[5].column == "paragraf" and "tylko po stronie dochodów" in by_row[5].message
        assert by_row[6].column == "side"
        assert by_row[7].column == "planned" and "Kwota nie może być ujemna." in (by_row[7].message)
        assert by_row[8].column == "paragraf" and "wierszu 2" in by_row[8].message
        assert any("ODRZUCONY: wiersz 4" in line for line in report.lines())
        with translation.override("en"):
            in_english = import_budget(_csv(*rows), year=2032, dry_run=True)
        reasons = {issue.row: issue.message for issue in in_english.rejections}
        assert "The division (dział) must be 3 digits" in reasons[3]
        assert "The amount must not be negative." in reasons[7]


def test_dry_run_saves_nothing(towns):
    with schema_context("zembrzyce"):
        report = import_budget(_csv(*GOOD), year=2033, dry_run=True)
        assert report.imported == 3
        assert not BudgetYear.objects.filter(year=2033).exists()


def test_a_bad_header_imports_nothing(towns):
    with (
        schema_context("zembrzyce"),
        pytest.raises(ImportFileError, match="Brak wymaganych kolumn"),
    ):
        import_budget(io.StringIO("side;dzial\nwydatki;750\n"), year=2034)
    with schema_context("zembrzyce"):
        assert not BudgetYear.objects.filter(year=2034).exists()


def test_classification_rules():
    assert classification_errors("income", "756", "75615", "0310") == {}
    assert set(classification_errors("income", "7560", "7561", "31")) == {
        "dzial",
        "rozdzial",
        "paragraf",
    }
    assert "rozdzial" in classification_errors("income", "756", "75015", "0310")
    assert "paragraf" in classification_errors("expenditure", "750", "75023", "0970")


def test_model_validation_checks_the_classification(towns):
    with schema_context("zembrzyce"):
        year = BudgetYear.objects.create(year=2035)
        line = BudgetLine(
            budget_year=year,
            side="income",
            dzial="750",
            rozdzial="75615",
            paragraf="0310",
            planned=Decimal("1"),
        )
        with pytest.raises(ValidationError) as error:
            line.full_clean()
        assert "rozdzial" in error.value.message_dict


def test_command_imports_into_the_named_town_only(towns, tmp_path: Path):
    path = tmp_path / "budzet.csv"
    path.write_text("\ufeff" + "\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_budget",
        str(path),
        town="zembrzyce",
        year=2036,
        status="execution",
        resolution_number="I/1/2036",
        resolution_date="2035-12-20",
        stdout=out,
    )
    assert "nowe 3" in out.getvalue()
    with schema_context("zembrzyce"):
        year = BudgetYear.objects.get(year=2036)
        assert year.resolution_number == "I/1/2036" and year.lines.count() == 3
    with schema_context("glogow"):
        assert not BudgetYear.objects.filter(year=2036).exists()
    with pytest.raises(CommandError):
        call_command("import_budget", str(path), town="nie-ma", year=2036)
