"""``GET /api/v1/mobile/balances/``: the acting Party's balance by year and kind, as the
resident area shows it — money as strings, each row saying whether the figures are the
office's or the portal's, for a represented Party only with a mandate."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.models import AccountBalance, ObligationKind
from tests.api.mobile.helpers import API, api_client, paired_token, resident_with_pin
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.factories import mandate, obligation, party

SCHEMA = "zembrzyce"


def _statement(owner, year: int, as_of: date) -> AccountBalance:
    with schema_context(SCHEMA):
        return AccountBalance.objects.create(
            party=owner,
            kind=ObligationKind.objects.get(code="oplata-odpady"),
            year=year,
            as_of=as_of,
            assessed=Decimal("240.00"),
            corrections=Decimal("-20.00"),
            paid=Decimal("100.00"),
            arrears=Decimal("120.00"),
            interest=Decimal("9.00"),
            to_pay=Decimal("129.00"),
            external_id=f"RZ-M-{owner.pk}-{year}",
        )


def test_balances_by_year_with_whose_figures_they_are(towns):
    today = timezone.localdate()
    ewa = resident_with_pin(SCHEMA)
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))
    obligation(SCHEMA, ewa.party, installments=[(today + timedelta(days=10), "100.50")])
    _statement(ewa.party, today.year - 2, date(today.year, 1, 31))
    answer = phone.get(f"{API}/balances/")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["party"] == ewa.party.pk and body["today"] == today.isoformat()
    assert [year["year"] for year in body["years"]] == [today.year, today.year - 2]
    [portal] = body["years"][0]["kinds"]
    assert portal["kind_code"] == "podatek-od-nieruchomosci" and portal["by_office"] is False
    assert portal["as_of"] == today.isoformat()
    assert portal["figures"] == {
        "assessed": "100.50", "corrections": "0.00", "written_off": "0.00", "paid": "0.00",
        "arrears": "0.00", "interest": "0.00", "overpayment": "0.00", "to_pay": "100.50",
    }  # fmt: skip
    [office] = body["years"][1]["kinds"]
    assert office["by_office"] is True and office["as_of"] == f"{today.year}-01-31"
    assert office["figures"]["corrections"] == "-20.00"
    assert body["years"][1]["totals"]["to_pay"] == "129.00"
    assert body["unassigned_overpayment"] == "0.00"


def test_a_represented_partys_balance_needs_a_mandate(towns):
    ewa = resident_with_pin(SCHEMA)
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))
    firm = party(SCHEMA, kind="legal", name="Firma Ewy", nip="1234563218")
    _statement(firm, 2024, date(2025, 1, 31))
    assert phone.get(f"{API}/balances/?strona_id={firm.pk}").status_code == 403
    assert phone.get(f"{API}/balances/").json()["years"] == []  # not her own
    mandate(SCHEMA, ewa, firm, scope="view")
    theirs = phone.get(f"{API}/balances/?strona_id={firm.pk}").json()
    assert theirs["party"] == firm.pk and [y["year"] for y in theirs["years"]] == [2024]


def test_a_zembrzyce_phone_reads_no_balance_on_glogows_host(towns):
    ewa = resident_with_pin(SCHEMA)
    token = paired_token(SCHEMA, ewa)
    _statement(ewa.party, 2024, date(2025, 1, 31))
    abroad = api_client(GLOGOW_HOST, token).get(f"{API}/balances/")
    assert abroad.status_code == 401 and "2024" not in abroad.content.decode()
