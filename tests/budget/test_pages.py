"""The public budget pages: years with totals, drill-down by dział and rozdział, the CSV
download, accessible charts, and each town showing only its own budget."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from eurzad.registers.budget.imports import import_budget
from eurzad.registers.budget.models import BudgetLine, BudgetYear
from eurzad.registers.budget.queries import year_summaries


def _glogow_totals(year: int, side: str) -> tuple[Decimal, Decimal]:
    with schema_context("glogow"):
        sums = BudgetLine.objects.filter(budget_year__year=year, side=side).aggregate(
            planned=Sum("planned"), executed=Sum("executed")
        )
    return sums["planned"], sums["executed"]


def test_demo_budget_has_two_years_and_enough_lines(towns):
    with schema_context("glogow"):
        assert list(BudgetYear.objects.values_list("year", flat=True)) == [2026, 2025]
        assert BudgetLine.objects.count() >= 200
        summaries = year_summaries()
    planned, executed = _glogow_totals(2025, "income")
    assert summaries[1].income.planned == planned and summaries[1].income.executed == executed
    assert summaries[1].income.percent == (executed * 100 / planned).quantize(Decimal("0.1"))


def test_index_lists_years_with_totals(glogow):
    response = glogow.get("/budzet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budżet 2025" in html and "Budżet 2026" in html
    assert 'href="/budzet/2025.csv"' in html


def test_year_page_shows_dzialy_totals_and_an_accessible_chart(glogow):
    response = glogow.get("/budzet/2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "756 Dochody od osób prawnych" in html
    assert "801 Oświata i wychowanie" in html
    assert 'href="/budzet/2025/?dzial=801"' in html
    assert html.count('role="img"') == 2 and "<title" in html  # a chart per side
    assert "dane do wykresu" in html  # … each with its data table
    assert "Największa pozycja planu" in html  # … and a text summary
    planned, _executed = _glogow_totals(2025, "expenditure")
    _whole, cents = f"{planned:.2f}".split(".")
    assert f",{cents}" in html
    section = html.split('id="expenditure-heading"')[1]
    assert section.count("<tr>") >= 10


def test_drill_down_to_rozdzial_and_paragraf(glogow):
    by_dzial = glogow.get("/budzet/2025/?dzial=756").content.decode()
    assert 'href="/budzet/2025/?rozdzial=75615"' in by_dzial
    assert "75023" not in by_dzial  # another dział's rozdział
    by_rozdzial = glogow.get("/budzet/2025/?rozdzial=75615")
    assert by_rozdzial.status_code == 200
    html = by_rozdzial.content.decode()
    # the paragraf's official name, and the town's own description beside it
    assert "§ 0310 Wpływy z podatku od nieruchomości" in html
    assert "Podatek od nieruchomości – osoby prawne" in html
    assert "§ 0010" not in html  # rozdział 75621
    assert 'aria-current="page"' in html


def test_bad_drill_down_parameters_answer_400_and_unknown_ones_404(glogow):
    # Malformed codes are refused (400), the page says so; a well-formed one with no
    # lines does not exist (404).
    assert glogow.get("/budzet/2025/?dzial=7a6").status_code == 400
    assert "trzy cyfry" in glogow.get("/budzet/2025/?dzial=7a6").content.decode()
    assert glogow.get("/budzet/2025/?rozdzial=756").status_code == 400
    assert glogow.get("/budzet/2025/?dzial=999").status_code == 404
    assert glogow.get("/budzet/1999/").status_code == 404


def test_csv_download_has_every_line_and_imports_back(glogow):
    response = glogow.get("/budzet/2025.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    with schema_context("glogow"):
        assert len(rows) == BudgetLine.objects.filter(budget_year__year=2025).count()
        report = import_budget(io.StringIO(text, newline=""), year=2025)
    assert report.unchanged == len(rows) and report.rejected == 0


def test_the_year_page_runs_a_fixed_number_of_queries(glogow):
    glogow.get("/budzet/2025/")  # warm up routing and settings caches
    with CaptureQueriesContext(connection) as small:
        glogow.get("/budzet/2025/?dzial=900")
    with CaptureQueriesContext(connection) as large:
        glogow.get("/budzet/2025/?x=1")
    assert len(large) == len(small)
    budget_queries = [q for q in large.captured_queries if "budget_" in q["sql"]]
    assert len(budget_queries) == 3  # the year, its sums, the other years


def test_another_town_shows_none_of_glogows_budget(zembrzyce):
    html = zembrzyce.get("/budzet/").content.decode()
    assert "Budżet 2025" not in html and "nie opublikowała jeszcze budżetu" in html
    assert zembrzyce.get("/budzet/2025/").status_code == 404
    assert zembrzyce.get("/budzet/2025/?dzial=756").status_code == 404
    assert zembrzyce.get("/budzet/2025.csv").status_code == 404


def test_staff_group_exists_in_every_town(towns):
    for schema in ("glogow", "zembrzyce"):
        with schema_context(schema):
            from django.contrib.auth.models import Group

            group = Group.objects.get(name="Budżet")
            codenames = set(group.permissions.values_list("codename", flat=True))
            assert {"view_budgetline", "import_budgetline", "change_budgetyear"} <= codenames


def test_csv_download_defuses_descriptions_that_look_like_formulas(glogow):
    with schema_context("glogow"):
        line = BudgetLine.objects.filter(budget_year__year=2025).first()
        line.description = '=HYPERLINK("http://127.0.0.1/")'
        line.save(update_fields=["description"])
    rows = list(csv.reader(io.StringIO(glogow.get("/budzet/2025.csv").content.decode()),
                           delimiter=";"))  # fmt: skip
    assert ["'" + line.description] == [cell for row in rows for cell in row if "HYPERLINK" in cell]


def test_csv_download_is_in_polish_and_gives_dots_on_request(glogow):
    text = glogow.get("/budzet/2025.csv").content.decode("utf-8-sig")
    header, first, *_rest = text.splitlines()
    assert header == "strona;dział;rozdział;paragraf;opis;plan;wykonanie"
    side, *_classification, _description, planned, _executed = first.split(";")
    assert side in {"dochody", "wydatki"} and "," in planned and "." not in planned
    dotted = glogow.get("/budzet/2025.csv?dziesietne=kropka").content.decode("utf-8-sig")
    dotted_first = dotted.splitlines()[1].split(";")
    assert dotted_first[5] == planned.replace(",", ".") and "," not in dotted_first[5]
    with schema_context("glogow"):
        report = import_budget(io.StringIO(dotted, newline=""), year=2025)
    assert report.rejected == 0 and report.imported == 0


def test_rozdzialy_are_named_as_in_the_classification(glogow):
    html = glogow.get("/budzet/2025/?dzial=801").content.decode()
    assert "80101 Szkoły podstawowe" in html and "80104 Przedszkola" in html
    page = glogow.get("/budzet/2025/?rozdzial=75023").content.decode()
    assert "rozdział 75023 Urzędy gmin (miast i miast na prawach powiatu)" in page


def test_the_classification_names_known_rozdzialy_and_is_silent_on_unknown_ones():
    from eurzad.registers.budget.classification import (
        DZIAL_NAMES,
        dzial_name,
        rozdzial_name,
        rozdzial_names,
    )

    assert rozdzial_name("60016") == "Drogi publiczne gminne"
    assert rozdzial_name("70005") == "Gospodarka gruntami i nieruchomościami"
    assert rozdzial_name("90002") == "Gospodarka odpadami komunalnymi"
    assert rozdzial_name("99999") == ""
    assert dzial_name("730") == "Szkolnictwo wyższe i nauka"
    names = rozdzial_names()
    assert len(names) > 670
    for code, name in names.items():  # every code in its dział, every name plain text
        assert re.fullmatch(r"\d{5}", code) and code[:3] in DZIAL_NAMES, code
        assert name and name == name.strip() and "  " not in name, (code, name)
        assert "uchylony" not in name and not re.search(r"\d{5}", name), (code, name)
    # the chapters every gmina uses, and ones the PDF set as a block of codes
    assert rozdzial_name("75023") == "Urzędy gmin (miast i miast na prawach powiatu)"
    assert rozdzial_name("85219") == "Ośrodki pomocy społecznej"
    assert rozdzial_name("85215") == "Dodatki mieszkaniowe"
    assert rozdzial_name("75412") == "Ochotnicze straże pożarne"
    assert rozdzial_name("75621") == "Udziały gmin w podatkach stanowiących dochód budżetu państwa"
    assert rozdzial_name("92109") == "Domy i ośrodki kultury, świetlice i kluby"
    for dzial in ("600", "750", "852", "921"):
        assert rozdzial_name(dzial + "95") == "Pozostała działalność"
    assert rozdzial_name("85401") == ""  # repealed


def test_the_classification_names_paragrafy_by_side():
    from eurzad.registers.budget.classification import paragraf_name, paragraf_names

    # the fourth digit says where the money comes from; the name is the first three's
    assert paragraf_name("income", "0310") == "Wpływy z podatku od nieruchomości"
    assert paragraf_name("income", "0690") == "Wpływy z różnych opłat"
    assert paragraf_name("expenditure", "4210") == "Zakup materiałów i wyposażenia"
    assert paragraf_name("expenditure", "4300") == "Zakup usług pozostałych"
    assert paragraf_name("expenditure", "6057") == "Wydatki inwestycyjne jednostek budżetowych"
    # the same number means different things on the two sides
    assert paragraf_name("income", "2010").startswith("Dotacja celowa otrzymana z budżetu państwa")
    assert paragraf_name("expenditure", "2010").startswith("Dotacja celowa przekazana")
    assert paragraf_name("income", "4210") == paragraf_name("expenditure", "0310") == ""
    for side, least in (("income", 200), ("expenditure", 300)):
        names = paragraf_names(side)
        assert len(names) >= least
        for code, name in names.items():
            assert re.fullmatch(r"\d{3}", code) and name == name.strip() and name[0].isupper()
            assert not re.search(r"(Paragraf ten|W paragrafie|uchylony|\s{2})", name), code


def test_an_unknown_decimal_sign_is_refused_in_polish(glogow):
    answer = glogow.get("/budzet/2025.csv?dziesietne=średnik")
    assert answer.status_code == 400
    assert "Znak dziesiętny" in answer.content.decode()
