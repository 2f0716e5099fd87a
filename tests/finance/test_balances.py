"""Rozliczenie (/konto/rozliczenie/): a Party's account by year and kind of obligation. The
portal's own figures from the installments and payments it holds; the tax system's
statement shown instead where the office sent one, its interest cross-checked (a
difference logged and counted); the CSV import of statements; nothing of one town seen
from another's host, key or import."""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context
from prometheus_client import REGISTRY

from eurzad.finance.balances import Figures, account_balances, interest_on
from eurzad.finance.debts import debts_on, settlements_of
from eurzad.finance.imports import ImportFileError, import_file
from eurzad.finance.interest.calculation import debt_on
from eurzad.finance.interest.rates import rates_for
from eurzad.finance.models import AccountBalance, Installment, ObligationKind
from eurzad.finance.money import format_pln
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f
from tests.finance.import_factories import csv_text, natural_party, pesel

D = Decimal
TAX = "podatek-od-nieruchomosci"
WASTE = "oplata-odpady"
BALANCE_HEADER = [
    "external_id", "pesel", "party_external_id", "kind", "year", "as_of", "assessed",
    "corrections", "written_off", "paid", "arrears", "interest", "overpayment", "to_pay",
]  # fmt: skip
MISMATCHES = "eurzad_balance_interest_mismatches_total"


def _mismatches(town: str = "zembrzyce") -> float:
    return REGISTRY.get_sample_value(MISMATCHES, {"town": town}) or 0.0


def _amount(value: str) -> str:
    """An amount as the page's tables show it (their captions say: in złoty)."""
    return format_pln(D(value)).removesuffix("\u00a0zł")


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764", city="Zembrzyce"))


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


@pytest.fixture
def books(anna, today):
    """This year's property tax: 3000 zł overdue 200 days and 100 zł overdue 10 days
    (unpaid), 300 zł not due yet with 120 zł paid, 200 zł cancelled. The waste fee:
    2 × 40 zł not due yet, settled by a payment of 100 zł for it (20 zł overpaid)."""
    tax = f.obligation(
        "zembrzyce",
        anna.party,
        year=today.year,
        kind=TAX,
        installments=[
            (today - timedelta(days=200), "3000.00"),
            (today - timedelta(days=10), "100.00"),
            (today + timedelta(days=30), "300.00"),
            (today + timedelta(days=90), "200.00"),
        ],
    )
    first, second, third, fourth = f.installments_of("zembrzyce", tax)
    with schema_context("zembrzyce"):
        Installment.objects.filter(pk=fourth.pk).update(state=Installment.State.CANCELLED)
    f.pay("zembrzyce", anna.party, "120.00", obligation=tax, installments=[third])
    waste = f.obligation(
        "zembrzyce",
        anna.party,
        year=today.year,
        kind=WASTE,
        installments=[(today + timedelta(days=20), "40.00"), (today + timedelta(days=50), "40.00")],
    )
    f.pay("zembrzyce", anna.party, "100.00", obligation=waste)
    return {"tax": tax, "waste": waste, "overdue": [first, second]}


def _interest_today(installments: list[Installment]) -> Decimal:
    with schema_context("zembrzyce"):
        fresh = Installment.objects.select_related("obligation__kind").filter(
            pk__in=[i.pk for i in installments]
        )
        return sum((debt.interest for debt in debts_on(fresh).values()), D("0.00"))


def _kind(code: str) -> ObligationKind:
    return ObligationKind.objects.get(code=code)


def _statement(party, *, year: int, code: str = TAX, as_of: date, **figures: str) -> AccountBalance:
    values = {
        "assessed": "3600.00", "paid": "120.00", "arrears": "3100.00", "interest": "1.00",
        "to_pay": "3281.00",
    }  # fmt: skip
    values.update(figures)
    with schema_context("zembrzyce"):
        return AccountBalance.objects.create(
            party=party,
            kind=_kind(code),
            year=year,
            as_of=as_of,
            source="import",
            external_id=f"RZ-{party.pk}-{code}-{year}",
            **{name: D(value) for name, value in values.items()},
        )


def _rows(overview, year: int) -> dict[str, object]:
    [summary] = [summary for summary in overview.years if summary.year == year]
    return {row.kind.code: row for row in summary.kinds}


# --- the portal's own figures -------------------------------------------------------------


def test_portal_figures_for_overdue_partly_paid_cancelled_and_overpaid_installments(
    anna, books, today
):
    interest = _interest_today(books["overdue"])
    assert interest > 0 and interest == interest.to_integral_value()  # tax: whole złoty
    with schema_context("zembrzyce"):
        overview = account_balances(anna.party)
    assert [summary.year for summary in overview.years] == [today.year]
    rows = _rows(overview, today.year)
    tax, waste = rows[TAX], rows[WASTE]
    assert not tax.by_office and tax.as_of == today
    assert tax.figures == Figures(
        assessed=D("3600.00"),  # the obligation's amount: all four installments
        corrections=D("0.00"),  # the portal knows only the current amount
        written_off=D("200.00"),  # the cancelled installment
        paid=D("120.00"),
        arrears=D("3100.00"),  # the two installments past their due date
        interest=interest,
        overpayment=D("0.00"),
        to_pay=D("3280.00") + interest,  # 3000 + 100 + what remains of 300, and interest
    )
    assert waste.figures == Figures(
        assessed=D("80.00"), paid=D("80.00"), overpayment=D("20.00"), to_pay=D("0.00")
    )
    [summary] = overview.years
    assert summary.by_portal and not summary.by_office
    assert summary.total == tax.figures + waste.figures
    assert summary.total.overpayment == D("20.00") and summary.total.assessed == D("3680.00")


def test_a_part_payment_of_an_overdue_installment_counts_its_principal_and_interest(
    anna, books, today
):
    first = books["overdue"][0]
    before = _interest_today([first])
    payment = f.pay("zembrzyce", anna.party, "1000.00", installments=[first])
    with schema_context("zembrzyce"):
        [allocation] = payment.allocations.all()
        assert allocation.interest > 0  # split between the arrears and their interest
        tax = _rows(account_balances(anna.party), today.year)[TAX].figures
    assert tax.paid == D("120.00") + D("1000.00")
    assert tax.arrears == D("3100.00") - allocation.amount
    # What was not paid of the interest due on the day stays due with the arrears.
    assert tax.interest == _interest_today(books["overdue"]) == before - allocation.interest


def test_what_was_paid_without_naming_an_obligation_belongs_to_no_year(anna, today):
    f.obligation("zembrzyce", anna.party, kind=WASTE, installments=[(today, "40.00")])
    with schema_context("zembrzyce"):
        waste = Installment.objects.get(obligation__party=anna.party)
    f.pay("zembrzyce", anna.party, "55.00", installments=[waste])  # 15 zł left over
    with schema_context("zembrzyce"):
        overview = account_balances(anna.party)
    assert overview.unassigned_overpayment == D("15.00")
    assert _rows(overview, today.year)[WASTE].figures.overpayment == D("0.00")


# --- the tax system's statement ---------------------------------------------------------


def test_the_offices_figures_are_shown_instead_and_a_different_interest_is_logged(
    anna, books, today, caplog
):
    statement = _statement(
        anna.party, year=today.year, as_of=today, corrections="-12.00", interest="999.00"
    )
    ours = _interest_today(books["overdue"])
    counted = _mismatches()
    with schema_context("zembrzyce"), caplog.at_level(logging.WARNING, "eurzad.finance.balances"):
        overview = account_balances(anna.party)
    rows = _rows(overview, today.year)
    assert rows[TAX].by_office and rows[TAX].as_of == today
    assert rows[TAX].figures == Figures.stated(statement)
    assert rows[TAX].figures.corrections == D("-12.00") and rows[TAX].figures.interest == 999
    assert not rows[WASTE].by_office  # no statement for the waste fee: the portal's own
    [summary] = overview.years
    assert not summary.by_office and not summary.by_portal
    [record] = [r for r in caplog.records if r.name == "eurzad.finance.balances"]
    message = record.getMessage()
    assert f"party {anna.party.pk}," in message and f"year {today.year}" in message
    assert f"kind {TAX}" in message and "tax system 999.00" in message
    assert f"portal {ours}" in message
    assert anna.party.pesel not in message
    assert _mismatches() == counted + 1


def test_the_same_interest_is_neither_logged_nor_counted(anna, books, today, caplog):
    ours = _interest_today(books["overdue"])
    _statement(anna.party, year=today.year, as_of=today, interest=str(ours))
    counted = _mismatches()
    with schema_context("zembrzyce"), caplog.at_level(logging.WARNING):
        rows = _rows(account_balances(anna.party), today.year)
    assert rows[TAX].by_office and rows[TAX].figures.interest == ours
    assert not [r for r in caplog.records if r.name == "eurzad.finance.balances"]
    assert _mismatches() == counted


def test_interest_is_compared_on_the_offices_day_without_payments_booked_since(
    anna, books, today, caplog
):
    first = books["overdue"][0]
    stated_on = today - timedelta(days=30)
    f.pay("zembrzyce", anna.party, "5000.00", installments=[first], booked_on=today - timedelta(5))
    with schema_context("zembrzyce"):
        first.refresh_from_db()
        assert first.state == Installment.State.PAID  # paid since the office's day
        expected = debt_on(
            D("3000.00"),
            first.due_date,
            [],
            stated_on,
            rates_for(first.obligation.kind.interest_regime),
        ).interest
        regimes = {first.obligation_id: first.obligation.kind.interest_regime}
        assert interest_on([first], stated_on, regimes, settlements_of([first.pk])) == expected
    assert expected > 0
    # The second installment fell due after the office's day: no interest on it yet then.
    _statement(anna.party, year=today.year, as_of=stated_on, interest=str(expected))
    counted = _mismatches()
    with schema_context("zembrzyce"), caplog.at_level(logging.WARNING):
        account_balances(anna.party)
    assert not [r for r in caplog.records if r.name == "eurzad.finance.balances"]
    assert _mismatches() == counted


def test_a_statement_of_a_kind_and_year_the_portal_does_not_hold_is_shown_unchecked(
    anna, today, caplog
):
    _statement(
        anna.party, year=2019, code=WASTE, as_of=today, assessed="240.00", paid="0.00",
        arrears="240.00", interest="87.00", to_pay="327.00",
    )  # fmt: skip
    counted = _mismatches()
    with schema_context("zembrzyce"), caplog.at_level(logging.WARNING):
        overview = account_balances(anna.party)
    assert [summary.year for summary in overview.years] == [2019]
    row = _rows(overview, 2019)[WASTE]
    assert row.by_office and row.figures.interest == D("87.00")
    assert overview.years[0].by_office
    assert _mismatches() == counted  # nothing of its own to compare with


# --- the page ------------------------------------------------------------------------------


def test_the_page_has_a_table_per_year_with_totals_and_says_whose_figures_they_are(
    anna, client, books, today
):
    _statement(
        anna.party, year=today.year - 1, as_of=date(today.year, 1, 31), assessed="398.00",
        paid="398.00", arrears="0.00", interest="0.00", to_pay="0.00",
    )  # fmt: skip
    response = client.get("/konto/rozliczenie/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Rozliczenie</h1>" in html
    assert html.index(f"Rok {today.year}") < html.index(f"Rok {today.year - 1}")
    assert (
        f"<caption>Rozliczenie za rok {today.year} według rodzajów należności, kwoty w zł</caption>"
        in html
    )
    for heading in ("Przypis", "Przypis korekcyjny", "Odpisy i umorzenia", "Wpłaty",
                    "Zaległość", "Odsetki", "Nadpłata", "Do zapłaty"):  # fmt: skip
        assert f'<th scope="col" class="num">{heading}</th>' in html
    assert html.count('<th scope="row">') == 2 + 1 + 2  # kinds, and a total per year
    assert "wyliczone w portalu na dziś" in html
    stamp = f'stan na <time datetime="{today.year}-01-31">31.01.{today.year}</time>'
    assert f"według systemu podatkowego urzędu, {stamp}" in html
    assert f"Razem za {today.year}" in html and f"Razem za {today.year - 1}" in html
    cells = [f'<td class="num">{_amount(value)}</td>' for value in ("3680.00", "200.00", "20.00")]
    assert all(cell in html for cell in cells)  # this year's przypis, written off, overpaid
    assert f'<td class="num"><strong>{_amount("3100.00")}</strong></td>' in html  # arrears
    assert anna.party.pesel not in html


def test_the_account_menu_links_the_page(client):
    html = client.get("/konto/").content.decode()
    assert '<a href="/konto/rozliczenie/">Rozliczenie</a>' in html


def test_nothing_yet_to_show_is_said_in_words(client):
    html = client.get("/konto/rozliczenie/").content.decode()
    assert "Urząd nie ma zapisanych żadnych podatków ani opłat do zapłaty." in html


def test_acting_for_a_represented_firm_shows_the_firms_balance_only(anna, client, books, today):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Beskid", nip="9471682535")
    f.mandate("zembrzyce", anna, firm, scope="view")
    f.obligation("zembrzyce", firm, kind=TAX, installments=[(today, "1234.00")])
    _statement(firm, year=2020, as_of=today, assessed="777.00", interest="0.00")
    switched = client.post("/konto/dzialaj-jako/", {"party": firm.pk, "next": "/konto/"})
    assert switched.status_code == 302
    html = client.get("/konto/rozliczenie/").content.decode()
    assert "Tartak Beskid" in html and _amount("1234.00") in html and _amount("777.00") in html
    assert _amount("3600.00") not in html  # Anna's own tax is not the firm's


def test_another_partys_statement_is_never_shown(client, books, today):
    ewa = f.party("zembrzyce", pesel="75061712342", first_name="Ewa", last_name="Lis")
    _statement(ewa, year=2018, as_of=today, assessed="4321.00")
    html = client.get("/konto/rozliczenie/").content.decode()
    assert "Rok 2018" not in html and _amount("4321.00") not in html


def test_an_anonymous_visitor_is_sent_to_log_in(towns):
    response = host_client(ZEMBRZYCE_HOST).get("/konto/rozliczenie/")
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/")


# --- the CSV import -----------------------------------------------------------------------


def _row(external_id: str, person: str, **values: object) -> list[object]:
    row = dict.fromkeys(BALANCE_HEADER, "")
    row.update(
        external_id=external_id, pesel=person, kind=TAX, year="2026", as_of="2026-06-30",
        assessed="412,00", corrections="-12,00", written_off="0", paid="200,00",
        arrears="100,00", interest="4,00", overpayment="", to_pay="204,00",
    )  # fmt: skip
    row.update(values)
    return [row[column] for column in BALANCE_HEADER]


def test_balances_are_imported_updated_and_never_duplicated(towns):
    with schema_context("zembrzyce"):
        person = natural_party()
        rows = [_row("RZ-1", person.pesel), _row("RZ-2", person.pesel, kind=WASTE)]
        report = import_file("balances", csv_text(BALANCE_HEADER, rows))
        assert (report.imported, report.rejected) == (2, 0), report.lines()
        stored = AccountBalance.objects.get(source="import", external_id="RZ-1")
        assert stored.party == person and stored.kind.code == TAX and stored.year == 2026
        assert (stored.assessed, stored.corrections, stored.overpayment) == (
            D("412.00"), D("-12.00"), D("0.00"),
        )  # fmt: skip
        assert stored.as_of == date(2026, 6, 30) and stored.to_pay == D("204.00")

        again = import_file("balances", csv_text(BALANCE_HEADER, rows))
        assert (again.imported, again.updated, again.unchanged) == (0, 0, 2), again.lines()

        rows[0] = _row("RZ-1", person.pesel, as_of="2026-07-31", paid="300,00", to_pay="104,00")
        changed = import_file("balances", csv_text(BALANCE_HEADER, rows))
        assert (changed.updated, changed.unchanged) == (1, 1), changed.lines()
        stored.refresh_from_db()
        assert stored.paid == D("300.00") and stored.as_of == date(2026, 7, 31)
        assert AccountBalance.objects.filter(party=person).count() == 2


def test_bad_balance_rows_are_rejected_with_a_reason_and_the_rest_imports(towns, today):
    with schema_context("zembrzyce"):
        person = natural_party()
        other = natural_party()
        known = person.pesel
        rows = [
            _row("OK-1", known),  # line 2
            _row("BAD-PARTY", pesel()),  # 3: nobody known by this PESEL
            _row("BAD-KIND", known, kind="podatek-od-psow"),  # 4
            _row("BAD-AMOUNT", known, kind=WASTE, arrears="-1,00"),  # 5: only corrections < 0
            _row("BAD-DATE", known, kind=WASTE, as_of="30.06.2026"),  # 6
            _row("FUTURE", known, kind=WASTE, as_of=(today + timedelta(days=1)).isoformat()),  # 7
            _row("NO-INTEREST", known, kind=WASTE, interest=""),  # 8
            _row("OK-1", other.pesel),  # 9: the same id twice in one file
            _row("TWICE", known),  # 10: Anna's 2026 property tax again, under another id
            _row("BAD-YEAR", other.pesel, year="1999"),  # 11
            _row("OK-3", other.pesel, corrections="-50,00"),  # 12
        ]
        report = import_file("balances", csv_text(BALANCE_HEADER, rows))
        assert (report.imported, report.rejected) == (2, 9), report.lines()
        columns = {issue.row: issue.column for issue in report.rejections}
        assert columns == {
            3: "party_external_id", 4: "kind", 5: "arrears", 6: "as_of", 7: "as_of",
            8: "interest", 9: "external_id", 10: "year", 11: "year",
        }  # fmt: skip
        assert all(known not in line for line in report.lines())
        assert AccountBalance.objects.get(external_id="OK-3").corrections == D("-50.00")


def test_a_kind_and_year_already_stated_under_another_id_is_rejected(towns):
    with schema_context("zembrzyce"):
        person = natural_party()
        import_file("balances", csv_text(BALANCE_HEADER, [_row("RZ-A", person.pesel)]))
        report = import_file("balances", csv_text(BALANCE_HEADER, [_row("RZ-B", person.pesel)]))
        assert report.rejected == 1
        [issue] = report.rejections
        assert issue.column == "external_id" and "import/RZ-A" in issue.message
        assert list(AccountBalance.objects.filter(party=person).values_list("external_id")) == [
            ("RZ-A",)
        ]


def test_an_older_statement_never_replaces_a_newer_one(towns):
    with schema_context("zembrzyce"):
        person = natural_party()
        newer = _row("RZ-N", person.pesel, as_of="2026-07-31", interest="6,00")
        import_file("balances", csv_text(BALANCE_HEADER, [newer]))
        older = _row("RZ-N", person.pesel, as_of="2026-06-30", interest="4,00")
        report = import_file("balances", csv_text(BALANCE_HEADER, [older]))
        assert report.rejected == 1 and report.rejections[0].column == "as_of"
        assert "31.07.2026" in report.rejections[0].message
        stored = AccountBalance.objects.get(external_id="RZ-N")
        assert stored.interest == D("6.00") and stored.as_of == date(2026, 7, 31)


def test_a_file_without_a_required_balance_column_is_refused_whole(towns):
    header = [column for column in BALANCE_HEADER if column != "to_pay"]
    with schema_context("zembrzyce"), pytest.raises(ImportFileError, match="to_pay"):
        import_file("balances", csv_text(header, []))


def test_the_command_imports_balances_into_one_town_only(towns, tmp_path):
    with schema_context("zembrzyce"):
        person = natural_party()
    path = tmp_path / "rozliczenia.csv"
    path.write_text(csv_text(BALANCE_HEADER, [_row("RZ-CMD", person.pesel)]).getvalue())
    out = io.StringIO()
    call_command(
        "import_finance", str(path), "--town", "zembrzyce", "--kind", "balances", stdout=out
    )
    assert "nowe 1" in out.getvalue()
    with schema_context("zembrzyce"):
        assert AccountBalance.objects.filter(external_id="RZ-CMD").count() == 1
    with schema_context("glogow"):
        assert not AccountBalance.objects.filter(external_id="RZ-CMD").exists()


# --- one town never sees another's ----------------------------------------------------------


def test_a_zembrzyce_balance_is_never_seen_from_glogow(anna, client, books, today, tmp_path):
    _statement(anna.party, year=2021, as_of=today, assessed="5555.00")
    # The same person is known in Głogów too: Głogów's page shows Głogów's data only.
    maria = f.resident("glogow", f.party("glogow", pesel=anna.party.pesel, first_name="Anna"))
    glogow = f.logged_in("glogow", GLOGOW_HOST, maria)
    html = glogow.get("/konto/rozliczenie/").content.decode()
    assert (
        "Rok 2021" not in html and _amount("5555.00") not in html and _amount("3600.00") not in html
    )
    # Zembrzyce's session cookie is worth nothing on Głogów's host.
    stolen = host_client(GLOGOW_HOST)
    stolen.cookies["sessionid"] = client.cookies["sessionid"].value
    response = stolen.get("/konto/rozliczenie/")
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/")
    # A Głogów import naming Zembrzyce's record creates Głogów's own, never touches it.
    row = _row(f"RZ-{anna.party.pk}-{TAX}-2021", anna.party.pesel, year="2021", assessed="1,00")
    path = tmp_path / "glogow.csv"
    path.write_text(csv_text(BALANCE_HEADER, [row]).getvalue())
    call_command(
        "import_finance", str(path), "--town", "glogow", "--kind", "balances", stdout=io.StringIO()
    )
    with schema_context("zembrzyce"):
        assert AccountBalance.objects.get(year=2021, party=anna.party).assessed == D("5555.00")
    with schema_context("glogow"):
        assert AccountBalance.objects.get(year=2021).party == maria.party
