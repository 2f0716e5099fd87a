"""Moje zobowiązania and Wpłaty (/konto/zobowiazania/, /konto/wplaty/): a resident sees
the acting Party's obligations, installments and payments with the right totals and
arrears — and nothing of any other Party's, nor of another town."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.demo.finance import ensure_demo_finances
from eurzad.finance import views as finance_views
from eurzad.finance.models import Obligation, Payment
from eurzad.finance.money import format_pln
from eurzad.finance.queries import obligation_overview
from eurzad.finance.services import obligation_balance
from eurzad.parties.identifiers import validate_nrb
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

OWN_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
FIRM_NIP = "9471682535"
JAN_PESEL = "44051401359"
MARIA_PESEL = "85121612343"
CART = "/konto/platnosci/koszyk/"


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _pln(amount: str) -> str:
    return format_pln(Decimal(amount))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL, city="Zembrzyce"))


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


@pytest.fixture
def books(anna, today):
    """This year: property tax 4 × 100 (two due, 150 paid: 50 overdue) and the waste fee
    2 × 40 (50 paid); last year: 2 × 100, 210 paid (10 overpaid)."""
    year = today.year
    tax = f.obligation(
        "zembrzyce",
        anna.party,
        year=year,
        document_number="FN.3120.7.2026",
        installments=[
            (today - timedelta(days=60), "100.00"),
            (today - timedelta(days=10), "100.00"),
            (today + timedelta(days=30), "100.00"),
            (today + timedelta(days=90), "100.00"),
        ],
        components=[
            ("Budynki mieszkalne", "120", "m²", "1.15", "138.00"),
            ("Grunty pozostałe", "524.1379", "m²", "0.5", "262.00"),
        ],
    )
    waste = f.obligation(
        "zembrzyce",
        anna.party,
        year=year,
        kind="oplata-odpady",
        installments=[(today - timedelta(days=5), "40.00"), (today + timedelta(days=60), "40.00")],
    )
    last_year = f.obligation(
        "zembrzyce",
        anna.party,
        year=year - 1,
        installments=[
            (today - timedelta(days=400), "100.00"),
            (today - timedelta(days=300), "100.00"),
        ],
    )
    paid_tax = f.pay("zembrzyce", anna.party, "150.00", obligation=tax, title="Podatek rata 1")
    paid_waste = f.pay("zembrzyce", anna.party, "50.00", obligation=waste, channel="online")
    paid_last = f.pay(
        "zembrzyce",
        anna.party,
        "210.00",
        obligation=last_year,
        booked_on=today - timedelta(days=401),
    )
    return {
        "tax": tax,
        "waste": waste,
        "last_year": last_year,
        "payments": [paid_tax, paid_waste, paid_last],
    }


# Totals and arrears


def test_totals_per_obligation_per_year_and_overall_are_right(anna, books, today):
    with schema_context("zembrzyce"):
        overview = obligation_overview(anna.party)
    assert overview.years == [today.year, today.year - 1]
    this_year, last_year = overview.shown
    by_kind = {item.obligation.kind.code: item.balance for item in this_year.obligations}
    tax = by_kind["podatek-od-nieruchomosci"]
    assert (tax.due, tax.paid, tax.remaining, tax.overdue, tax.overpaid) == (
        Decimal("400.00"), Decimal("150.00"), Decimal("250.00"), Decimal("50.00"), Decimal("0.00"),
    )  # fmt: skip
    waste = by_kind["oplata-odpady"]
    assert (waste.paid, waste.remaining, waste.overdue) == (
        Decimal("50.00"), Decimal("30.00"), Decimal("0.00"),
    )  # fmt: skip
    assert (this_year.balance.due, this_year.balance.remaining, this_year.balance.overdue) == (
        Decimal("480.00"), Decimal("280.00"), Decimal("50.00"),
    )  # fmt: skip
    assert last_year.balance.remaining == 0 and last_year.balance.overpaid == Decimal("10.00")
    assert overview.total.overdue == Decimal("50.00")
    assert overview.total.overpaid == Decimal("10.00")


def test_overpayments_summed_in_the_database_follow_the_booking_rule(anna, books):
    """The overview sums what payments left over in SQL (a Party with thousands of
    payments is not read row by row): the same totals as the rule over the rows."""
    tax, waste = books["tax"], books["waste"]
    last_installment = f.installments_of("zembrzyce", tax)[-1]
    # 130 zł for a 100 zł installment, no obligation named: 30 zł over, unassigned.
    f.pay("zembrzyce", anna.party, "130.00", installments=[last_installment])
    # 100 zł for the waste fee, 30 zł of which was still to pay: 70 zł over, there.
    f.pay("zembrzyce", anna.party, "100.00", obligation=waste)
    with schema_context("zembrzyce"):
        overview = obligation_overview(anna.party)
        for year in overview.shown:
            for item in year.obligations:
                assert item.balance == obligation_balance(item.obligation), item.obligation
    by_kind = {item.obligation.kind.code: item.balance for item in overview.shown[0].obligations}
    assert by_kind["oplata-odpady"].overpaid == Decimal("70.00")
    assert overview.unassigned_overpayment == Decimal("30.00")
    assert overview.total.overpaid == Decimal("110.00")  # 10 of last year's, 70, 30


def test_obligations_page_shows_years_newest_first_with_totals_and_arrears_in_words(
    client, books, today
):
    html = _html(client.get("/konto/zobowiazania/"))
    assert html.index(f"Rok {today.year}") < html.index(f"Rok {today.year - 1}")
    assert f'href="/konto/zobowiazania/{books["tax"].pk}/"' in html
    for amount in ("400.00", "150.00", "250.00", "480.00", "280.00", "10.00"):
        assert _pln(amount) in html, amount
    # Arrears are said in words, not only shown in colour.
    assert f"Zaległość: {_pln('50.00')}" in html
    assert 'class="status-tag status-tag--overdue">zaległość</span>' in html
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html


def test_year_tabs_show_one_year(client, books, today):
    html = _html(client.get(f"/konto/zobowiazania/?rok={today.year - 1}"))
    assert f"Rok {today.year - 1}" in html and f"Rok {today.year}</h2>" not in html
    assert f'<a href="?rok={today.year - 1}" aria-current="page">' in html
    everything = _html(client.get("/konto/zobowiazania/?rok=1999"))  # nothing then: all years
    assert f"Rok {today.year}</h2>" in everything and f"Rok {today.year - 1}</h2>" in everything


def test_a_resident_with_nothing_to_pay_is_told_so(client):
    html = _html(client.get("/konto/zobowiazania/"))
    assert "nie ma zapisanych żadnych podatków ani opłat" in html
    assert "Nie ma jeszcze zaksięgowanych wpłat." in _html(client.get("/konto/wplaty/"))


# Detail


def test_detail_shows_components_installments_payments_account_and_qr(client, books):
    tax = books["tax"]
    html = _html(client.get(f"/konto/zobowiazania/{tax.pk}/"))
    assert "FN.3120.7.2026" in html and "10.02.2026" in html
    assert "Budynki mieszkalne" in html and "1,15" in html and "524,1379" in html
    assert _pln("138.00") in html
    assert html.count("po terminie</span>") == 1  # the second installment, half paid
    assert "Zapłacona częściowo" in html and "Zapłacona" in html
    assert tax.bank_account_display in html
    assert 'role="img" aria-label="Kod QR przelewu: odbiorca Urząd Gminy Zembrzy,' in html
    assert "<svg" in html
    assert _pln("250.00") in html  # the QR's amount: all that remains
    assert "Podatek rata 1" not in html or "Potwierdzenie" in html
    assert f'href="/konto/wplaty/{books["payments"][0].pk}/"' in html


def test_above_the_qr_formats_limit_the_transfer_details_are_given_as_text(client, anna, today):
    """Standard 2D carries at most 9 999,99 zł: no code then, but everything to type in."""
    big = f.obligation("zembrzyce", anna.party, year=today.year, installments=[(today, "12500.00")])
    html = _html(client.get(f"/konto/zobowiazania/{big.pk}/"))
    assert "Kod QR przelewu" not in html
    assert "bankowy standard kodu przelewu obejmuje kwoty do 9 999,99 zł" in html
    assert big.bank_account_display in html
    assert f"<dd>Podatek od nieruchomości {today.year} " in html  # the title (a copy button next)
    assert _pln("12500.00") in html


def test_detail_offers_the_remaining_installments_for_online_payment(client, books, monkeypatch):
    monkeypatch.setattr(finance_views, "_cart_url", lambda: CART)
    tax = books["tax"]
    installments = f.installments_of("zembrzyce", tax)
    html = _html(client.get(f"/konto/zobowiazania/{tax.pk}/"))
    assert f'<form method="post" action="{CART}"' in html
    assert f'name="installment" value="{installments[0].pk}"' not in html  # paid in full
    for installment in installments[1:]:
        assert f'name="installment" value="{installment.pk}" id="pay-{installment.pk}"' in html
        assert f'<label for="pay-{installment.pk}">' in html
        assert f'<label for="amount-{installment.pk}">' in html
        assert f'name="amount-{installment.pk}"' in html
    assert "Przejdź do płatności" in html


def test_without_the_payment_cart_the_form_is_hidden_and_the_resident_told_why(
    client, books, monkeypatch
):
    monkeypatch.setattr(finance_views, "_cart_url", lambda: "")
    html = _html(client.get(f"/konto/zobowiazania/{books['tax'].pk}/"))
    assert 'name="installment"' not in html
    assert "Płatność internetowa nie jest jeszcze dostępna" in html


def test_the_demo_account_sees_no_payment_form_and_why(towns, monkeypatch):
    monkeypatch.setattr(finance_views, "_cart_url", lambda: CART)
    demo = f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL), is_demo=True)
    tax = f.obligation("zembrzyce", demo.party, installments=[(timezone.localdate(), "10.00")])
    html = _html(
        f.logged_in("zembrzyce", ZEMBRZYCE_HOST, demo).get(f"/konto/zobowiazania/{tax.pk}/")
    )
    assert 'name="installment"' not in html
    assert "To konto demonstracyjne" in html


def test_a_view_only_mandate_shows_the_firms_obligation_but_no_payment_form(
    anna, client, monkeypatch
):
    monkeypatch.setattr(finance_views, "_cart_url", lambda: CART)
    firm = f.party("zembrzyce", kind="legal", name="Tartak Beskid", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm, scope="view")
    tax = f.obligation("zembrzyce", firm, installments=[(timezone.localdate(), "900.00")])
    client.post("/konto/dzialaj-jako/", {"party": firm.pk})
    html = _html(client.get(f"/konto/zobowiazania/{tax.pk}/"))
    assert "Tartak Beskid" in html and 'name="installment"' not in html
    assert "nie płacić za nie" in html


# Acting for a firm; other Parties


def test_acting_for_a_represented_firm_shows_the_firms_data_only(anna, client, books):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Beskid", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm)
    firm_tax = f.obligation(
        "zembrzyce", firm, installments=[(timezone.localdate() - timedelta(days=3), "1250.00")]
    )
    firm_payment = f.pay("zembrzyce", firm, "99.00", obligation=firm_tax, title="Tartak wpłata")
    response = client.post(
        "/konto/dzialaj-jako/", {"party": firm.pk, "next": "/konto/zobowiazania/"}
    )
    assert response.status_code == 302
    html = _html(client.get("/konto/zobowiazania/"))
    assert f'href="/konto/zobowiazania/{firm_tax.pk}/"' in html
    assert f'href="/konto/zobowiazania/{books["tax"].pk}/"' not in html
    assert "Tartak Beskid" in html
    assert f"Zaległość: {_pln('1151.00')}" in html
    payments = _html(client.get("/konto/wplaty/"))
    assert "Tartak wpłata" in payments and "Podatek rata 1" not in payments
    assert client.get(f"/konto/wplaty/{firm_payment.pk}/potwierdzenie.pdf").status_code == 200
    # The resident's own obligation and payment are not the firm's: not found while acting.
    assert client.get(f"/konto/zobowiazania/{books['tax'].pk}/").status_code == 404
    assert client.get(f"/konto/wplaty/{books['payments'][0].pk}/").status_code == 404
    home = _html(client.get("/konto/zobowiazania/"))
    assert 'Zobowiązania i raty <span class="account-nav__status">(Zaległość:' in home


def test_another_partys_obligation_and_payment_are_not_found(client, books, today):
    other = f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Lis")
    theirs = f.obligation("zembrzyce", other, installments=[(today, "70.00")])
    their_payment = f.pay("zembrzyce", other, "70.00", obligation=theirs)
    for path in (
        f"/konto/zobowiazania/{theirs.pk}/",
        f"/konto/wplaty/{their_payment.pk}/",
        f"/konto/wplaty/{their_payment.pk}/potwierdzenie.pdf",
        "/konto/zobowiazania/999999/",
        "/konto/wplaty/999999/potwierdzenie.pdf",
    ):
        assert client.get(path).status_code == 404, path
    listing = _html(client.get("/konto/wplaty/"))
    assert f"/konto/wplaty/{their_payment.pk}/" not in listing


def test_payments_page_lists_what_each_payment_settled_with_a_receipt(client, books):
    html = _html(client.get("/konto/wplaty/"))
    paid_tax, _paid_waste, paid_last = books["payments"]
    assert html.index(f"/konto/wplaty/{paid_tax.pk}/") < html.index(
        f"/konto/wplaty/{paid_last.pk}/"
    )
    assert "Przelew" in html and "Płatność internetowa" in html
    assert f"rata 1: {_pln('100.00')}" in html and f"rata 2: {_pln('50.00')}" in html
    assert f"nadpłata: {_pln('10.00')}" in html
    assert f'href="/konto/wplaty/{paid_tax.pk}/potwierdzenie.pdf"' in html
    detail = _html(client.get(f"/konto/wplaty/{paid_tax.pk}/"))
    assert paid_tax.external_id in detail and "Rozliczenie wpłaty" in detail


def test_the_receipt_is_a_pdf_for_the_acting_party(client, books):
    payment = books["payments"][0]
    response = client.get(f"/konto/wplaty/{payment.pk}/potwierdzenie.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")


def test_no_page_shows_the_pesel_unmasked(client, books):
    paths = [
        "/konto/",
        "/konto/zobowiazania/",
        f"/konto/zobowiazania/{books['tax'].pk}/",
        "/konto/wplaty/",
        f"/konto/wplaty/{books['payments'][0].pk}/",
    ]
    for path in paths:
        assert OWN_PESEL not in _html(client.get(path)), path


@pytest.mark.parametrize(
    "path",
    [
        "/konto/zobowiazania/",
        "/konto/zobowiazania/1/",
        "/konto/wplaty/",
        "/konto/wplaty/1/potwierdzenie.pdf",
    ],
)
def test_anonymous_visitor_is_sent_to_the_login_page(zembrzyce, path):
    response = zembrzyce.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/?next=")


def test_pages_are_never_cached(client, books):
    for path in (
        "/konto/zobowiazania/",
        f"/konto/zobowiazania/{books['tax'].pk}/",
        "/konto/wplaty/",
    ):
        assert "no-store" in client.get(path)["Cache-Control"]


def test_account_home_lists_the_sections_with_the_arrears(client, books):
    html = _html(client.get("/konto/"))
    assert '<a href="/konto/zobowiazania/">Zobowiązania i raty</a>' in html
    assert '<a href="/konto/wplaty/">Wpłaty</a>' in html
    assert f"Zaległość: {_pln('50.00')}" in html


# Other towns


def test_ids_of_another_town_are_not_found_on_this_towns_host(anna, books):
    maria = f.resident("glogow", f.party("glogow", pesel=OTHER_PESEL, first_name="Maria"))
    glogow = f.logged_in("glogow", GLOGOW_HOST, maria)
    tax = books["tax"]
    payment = books["payments"][0]
    with schema_context("glogow"):  # ids are per schema: make sure none of them is Maria's
        assert not Obligation.objects.filter(pk=tax.pk, party=maria.party).exists()
        assert not Payment.objects.filter(pk=payment.pk, party=maria.party).exists()
    for path in (
        f"/konto/zobowiazania/{tax.pk}/",
        f"/konto/wplaty/{payment.pk}/",
        f"/konto/wplaty/{payment.pk}/potwierdzenie.pdf",
    ):
        assert glogow.get(path).status_code == 404, path
    assert "Zembrzyc" not in _html(glogow.get("/konto/zobowiazania/"))


def test_a_zembrzyce_session_cookie_is_worthless_on_glogows_host(client, books):
    stolen = host_client(GLOGOW_HOST)
    stolen.cookies["sessionid"] = client.cookies["sessionid"].value
    for path in (
        "/konto/zobowiazania/",
        f"/konto/zobowiazania/{books['tax'].pk}/",
        "/konto/wplaty/",
        f"/konto/wplaty/{books['payments'][0].pk}/potwierdzenie.pdf",
    ):
        response = stolen.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/logowanie/"), path


# Demo data


@pytest.mark.parametrize("schema", ["zembrzyce", "glogow"])
def test_demo_towns_have_sample_finances_for_jan_kowalski(towns, schema, today):
    with schema_context(schema):
        jan = Party.objects.get(pesel=JAN_PESEL)
        obligations = Obligation.objects.filter(party=jan, source="demo")
        years = set(obligations.values_list("year", flat=True))
        assert {today.year, today.year - 1} <= years
        tax = obligations.get(year=today.year, kind__code="podatek-od-nieruchomosci")
        assert tax.components.count() >= 2 and tax.installments.count() == 4
        assert sum(c.amount for c in tax.components.all()) == tax.amount
        for obligation in obligations:
            validate_nrb(obligation.bank_account)
        last_year = obligations.get(year=today.year - 1, kind__code="podatek-od-nieruchomosci")
        assert all(i.state == "paid" for i in last_year.installments.all())
        assert obligations.filter(kind__code="oplata-odpady").exists()
        if today >= today.replace(month=3, day=16):
            assert any(i.is_overdue for i in tax.installments.all())  # one left overdue
            assert Payment.objects.filter(party=jan, source="demo").count() >= 2


def test_demo_finances_are_idempotent_and_cover_maria_and_the_sandbox(towns):
    with schema_context("glogow"):
        before = (Obligation.objects.count(), Payment.objects.count())
        ensure_demo_finances()
        assert (Obligation.objects.count(), Payment.objects.count()) == before
        assert Obligation.objects.filter(party__pesel=MARIA_PESEL, source="demo").exists()
        assert Obligation.objects.filter(party__external_id="demo:mieszkaniec").exists()
        firm_tax = Obligation.objects.get(party__external_id="demo:firma", source="demo")
        assert firm_tax.installments.count() == 12
