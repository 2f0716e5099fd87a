"""Register definitions validate their fields and entries' values; the CSV import reports
bad rows and is idempotent by (source, external id)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tenants.utils import schema_context

from eurzad.registers.defaults import ALCOHOL_PERMITS, PROPERTY_LEASES
from eurzad.registers.imports import ImportFileError, import_entries
from eurzad.registers.models import RegisterDefinition, RegisterEntry, validate_field_definitions

pytestmark = pytest.mark.django_db

JAN_PESEL = "44051401359"
CSV = (
    "register;number;external_id;pesel;valid_from;valid_until;kind;parcel;area_m2;tenant\n"
    f"{PROPERTY_LEASES};IMP/1;e-1;{JAN_PESEL};2026-01-01;2027-01-01;dzierżawa;5/1;100,5;Jan\n"
    f"{PROPERTY_LEASES};IMP/2;e-2;;2026-01-01;;zamiana;5/2;1;X\n"
    f"{PROPERTY_LEASES};IMP/3;e-3;;2026-13-01;;najem;5/3;1;X\n"
    f"nie-ma;IMP/4;e-4;;;;;;;\n"
    f"{PROPERTY_LEASES};IMP/5;e-5;;;;najem;5/5;dużo;X\n"
)


def test_field_definitions_are_validated():
    validate_field_definitions([{"name": "a", "label": "A", "type": "text", "public": True}])
    for bad in (
        {},
        [{"name": "A B", "label": "A", "type": "text"}],
        [{"name": "a", "label": "A", "type": "colour"}],
        [{"name": "a", "label": "A", "type": "choice", "choices": []}],
        [{"name": "a", "label": "A", "type": "text"}, {"name": "a", "label": "B", "type": "text"}],
    ):
        with pytest.raises(ValidationError):
            validate_field_definitions(bad)


def test_values_are_typed_and_unknown_fields_refused(towns):
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        cleaned = permits.clean_values({"fee_paid": "tak", "sales_last_year": "1 000,50",
                                        "outlet_kind": "sklep"})  # fmt: skip
        assert cleaned == {"fee_paid": True, "sales_last_year": "1000.50", "outlet_kind": "sklep"}
        with pytest.raises(ValidationError):
            permits.clean_values({"colour": "red"})
        with pytest.raises(ValidationError):
            permits.clean_values({"outlet_kind": "kiosk"})


def test_import_reports_bad_rows_and_is_idempotent(towns):
    with schema_context("glogow"):
        report = import_entries(io.StringIO(CSV))
        assert (report.imported, report.rejected) == (1, 4)
        assert [(issue.row, issue.column) for issue in report.issues] == [
            (3, ""),  # "zamiana" is not one of the kinds
            (4, "valid_from"),
            (5, "register"),
            (6, ""),  # "dużo" is not a number
        ]
        entry = RegisterEntry.objects.get(source="import", external_id="e-1")
        assert entry.party is not None and entry.party.pesel == JAN_PESEL
        assert entry.values["area_m2"] == "100.5"
        again = import_entries(io.StringIO(CSV))
        assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
        changed = import_entries(io.StringIO(CSV.replace("5/1;100,5", "5/1;200")))
        assert changed.updated == 1
        assert RegisterEntry.objects.get(external_id="e-1").values["area_m2"] == 200


def test_import_refuses_a_file_without_the_required_columns(towns):
    with schema_context("glogow"), pytest.raises(ImportFileError):
        import_entries(io.StringIO("number;external_id\n1;2\n"))


def test_dry_run_saves_nothing_and_the_command_names_the_town(towns, tmp_path):
    path = tmp_path / "wpisy.csv"
    path.write_text(CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("import_register_entries", str(path), town="zembrzyce", dry_run=True, stdout=out)
    assert "nowe 1" in out.getvalue() and "odrzucone 4" in out.getvalue()
    with schema_context("zembrzyce"):
        assert not RegisterEntry.objects.filter(source="import").exists()
    with schema_context("glogow"):
        assert not RegisterEntry.objects.filter(source="import").exists()


def test_the_command_writes_rejected_rows_to_a_report_without_full_pesels(towns, tmp_path):
    unknown_pesel = "02070803628"
    path = tmp_path / "wpisy.csv"
    path.write_text(
        CSV + f"{PROPERTY_LEASES};IMP/6;e-6;{unknown_pesel};;;najem;5/6;1;X\n", encoding="utf-8"
    )
    report = tmp_path / "odrzucone.csv"
    call_command("import_register_entries", str(path), town="glogow", report=str(report),
                 stdout=io.StringIO())  # fmt: skip
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "row;level;column;reference;message"
    assert [line.split(";")[0] for line in lines[1:]] == ["3", "4", "5", "6", "7"]
    assert "party_external_id" in lines[5] and "PESEL" in lines[5]
    assert unknown_pesel not in report.read_text(encoding="utf-8")
