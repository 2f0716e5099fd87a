"""CSV import of cases: bad rows are rejected with a reason, the rest imports, and the
same file imported again changes nothing (nor notifies again)."""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import schema_context

from eurzad.cases.imports import ImportFileError, import_cases
from eurzad.cases.models import Case
from eurzad.notifications.models import Notification
from tests.finance import factories as f

HEADER = ["external_id", "sign", "subject", "received_on", "status", "pesel",
          "jrwa_symbol", "resident_action"]  # fmt: skip
PESEL = "92071314764"


def _csv(rows: list[list[str]]) -> io.StringIO:
    lines = [";".join(HEADER), *(";".join(row) for row in rows)]
    return io.StringIO("\n".join(lines) + "\n")


def _rows() -> list[list[str]]:
    return [
        ["EZD-1", "RG.6733.1.2026", "Lokalizacja inwestycji", "2026-03-02", "w-toku", PESEL,
         "6733", ""],
        ["EZD-2", "RG.6220.2.2026", "Zaświadczenie", "2026-03-05", "wezwanie", PESEL, "6220",
         "Dośl dokument."],
    ]  # fmt: skip


def test_import_creates_cases_and_rejects_bad_rows(towns):
    f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL))
    rows = [
        *_rows(),
        ["EZD-3", "X.1", "Zły status", "2026-03-05", "nie-ma", PESEL, "", ""],
        ["EZD-4", "X.2", "Zła data", "05.03.2026", "w-toku", PESEL, "", ""],
        ["EZD-5", "X.3", "Nieznana strona", "2026-03-05", "w-toku", "75061712342", "", ""],
    ]
    with schema_context("zembrzyce"):
        report = import_cases(_csv(rows))
        assert (report.imported, report.rejected) == (2, 3)
        assert {issue.column for issue in report.rejections} == {
            "status",
            "received_on",
            "party_external_id",
        }
        case = Case.objects.get(source="import", external_id="EZD-2")
        assert case.status.code == "wezwanie" and case.status_changes.count() == 1


def test_reimporting_the_same_file_changes_nothing(towns):
    resident = f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL))
    with schema_context("zembrzyce"):
        import_cases(_csv(_rows()))
        notified = Notification.objects.filter(recipient=resident.user).count()
        report = import_cases(_csv(_rows()))
        assert (report.imported, report.updated, report.unchanged) == (0, 0, 2)
        assert Case.objects.filter(source="import").count() == 2
        assert Notification.objects.filter(recipient=resident.user).count() == notified


def test_a_changed_status_is_recorded_and_notified(towns):
    resident = f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL))
    with schema_context("zembrzyce"):
        import_cases(_csv(_rows()))
        rows = _rows()
        rows[0][4] = "zakonczona"
        report = import_cases(_csv(rows))
        assert (report.updated, report.unchanged) == (1, 1)
        case = Case.objects.get(external_id="EZD-1")
        assert case.status.code == "zakonczona" and case.closed_on is not None
        assert case.status_changes.count() == 2
        assert (
            Notification.objects.filter(recipient=resident.user, reason__startswith="case_").count()
            == 3
        )


def test_dry_run_saves_nothing(towns):
    f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL))
    with schema_context("zembrzyce"):
        report = import_cases(_csv(_rows()), dry_run=True)
        assert report.imported == 2
        assert not Case.objects.filter(source="import").exists()


def test_a_file_without_required_columns_is_refused(towns):
    with schema_context("zembrzyce"), pytest.raises(ImportFileError):
        import_cases(io.StringIO("external_id;pesel\nX;1\n"))


def test_import_cases_command_reports_what_it_did(towns, tmp_path):
    from django.core.management import call_command

    f.party("zembrzyce", pesel=PESEL)
    path = tmp_path / "sprawy.csv"
    path.write_text(_csv(_rows()).getvalue(), encoding="utf-8")
    out = io.StringIO()
    call_command("import_cases", str(path), town="zembrzyce", source="ezd", stdout=out)
    assert "nowe 2" in out.getvalue()
    with schema_context("zembrzyce"):
        assert Case.objects.filter(source="ezd").count() == 2
