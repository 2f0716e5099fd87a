"""Bulk upserts: the rules of the CSV imports, item by item, idempotent by external id."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django_tenants.utils import schema_context

from eurzad.cases.models import Case, CaseStatus
from eurzad.finance.models import Installment, Obligation, Payment
from eurzad.parties.models import Party
from eurzad.registers.budget.models import BudgetLine
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry
from tests.api.integration.helpers import api_client, call, post_items
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.import_factories import bad_checksum, nrb, pesel


def _obligation(external_id: str, person: str, **values: object) -> dict:
    item = {
        "external_id": external_id,
        "pesel": person,
        "first_name": "Anna",
        "last_name": "Testowa",
        "kind": "podatek-od-nieruchomosci",
        "year": 2026,
        "amount": 400,
        "bank_account": nrb(),
        "document_date": "2026-02-10",
    }
    item.update(values)
    return item


def _installments(external_id: str, amount: object = "100.00") -> list[dict]:
    days = ["2026-03-16", "2026-05-15", "2026-09-15", "2026-11-16"]
    return [
        {"obligation_external_id": external_id, "number": number, "due_date": day, "amount": amount}
        for number, day in enumerate(days, 1)
    ]


def test_obligations_are_upserted_and_a_second_call_changes_nothing(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    items = [_obligation("API-O-1", pesel()), _obligation("API-O-2", pesel(), amount="250,50")]
    first = post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, items)
    assert first["totals"] == {
        "imported": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "warnings": 0,
    }
    assert [item["external_id"] for item in first["items"]] == ["API-O-1", "API-O-2"]
    again = post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, items)
    assert {item["result"] for item in again["items"]} == {"unchanged"}
    items[1]["amount"] = "260.00"
    changed = post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, items)
    assert [item["result"] for item in changed["items"]] == ["unchanged", "updated"]
    with schema_context("zembrzyce"):
        obligation = Obligation.objects.get(source="import", external_id="API-O-2")
        assert obligation.amount == Decimal("260.00")
        assert obligation.party.first_name == "Anna"


def test_bad_items_are_rejected_one_by_one_and_the_rest_saved(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    good, bad_pesel = pesel(), bad_checksum(pesel())
    items = [
        _obligation("API-P-1", good),
        _obligation("API-P-2", bad_pesel),
        _obligation("API-P-3", pesel(), kind="nie-ma-takiego"),
        _obligation("API-P-4", pesel(), amount="12,345"),
        "not an object",
        _obligation("API-P-6", pesel(), amount={"nested": 1}),
        _obligation("API-P-1", pesel()),
    ]
    answer = post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, items)
    results = {item["index"]: item for item in answer["items"]}
    assert results[0]["result"] == "imported"
    assert set(results[1]["errors"]) == {"pesel"} and bad_pesel not in str(results[1])
    assert set(results[2]["errors"]) == {"kind"}
    assert set(results[3]["errors"]) == {"amount"}
    assert results[4]["result"] == "rejected" and results[4]["errors"]
    assert set(results[5]["errors"]) == {"amount"}
    assert set(results[6]["errors"]) == {"external_id"}  # the same id twice in one call
    assert answer["totals"]["imported"] == 1 and answer["totals"]["rejected"] == 6
    with schema_context("zembrzyce"):
        assert Obligation.objects.filter(external_id__startswith="API-P-").count() == 1


def test_more_than_a_thousand_items_are_refused_whole(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    answer = call(ZEMBRZYCE_HOST, "post", "raty/", key, {"items": [{}] * 1001})
    assert answer.status_code == 413
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["max_items"] == 1000
    assert call(ZEMBRZYCE_HOST, "post", "raty/", key, {"pozycje": []}).status_code == 400
    assert call(ZEMBRZYCE_HOST, "post", "raty/", key, [1, 2]).status_code == 400


def test_installments_in_a_batch_follow_the_csv_rules(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, [_obligation("API-I-1", pesel())])
    bad = [
        ("NIE-MA", 1, "2026-03-16"),
        ("API-I-1", 1, "2026-03-16"),
        ("API-I-1", 0, "2026-03-16"),
        ("API-I-1", 9, "16.03.2026"),
    ]
    items = [*_installments("API-I-1")] + [
        {"obligation_external_id": obligation, "number": number, "due_date": day, "amount": "10"}
        for obligation, number, day in bad
    ]
    answer = post_items(ZEMBRZYCE_HOST, "raty/", key, items)
    results = [item["result"] for item in answer["items"]]
    assert results == ["imported"] * 4 + ["rejected"] * 4
    errors = [item["errors"] for item in answer["items"][4:]]
    assert [set(e) for e in errors] == [
        {"obligation_external_id"},
        {"number"},
        {"number"},
        {"due_date"},
    ]
    assert answer["items"][0]["external_id"] == "API-I-1#1"
    again = post_items(ZEMBRZYCE_HOST, "raty/", key, _installments("API-I-1"))
    assert {item["result"] for item in again["items"]} == {"unchanged"}
    changed = _installments("API-I-1")
    changed[3]["due_date"] = "2026-12-01"  # off the statutory schedule: a warning
    answer = post_items(ZEMBRZYCE_HOST, "raty/", key, changed)
    assert [item["result"] for item in answer["items"]] == ["unchanged"] * 3 + ["updated"]
    assert answer["totals"]["warnings"] >= 1
    with schema_context("zembrzyce"):
        installment = Installment.objects.get(obligation__external_id="API-I-1", number=4)
        assert installment.due_date == date(2026, 12, 1)
        assert installment.state == "open"


def test_payments_are_booked_once_and_settle_installments(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    person = pesel()
    post_items(ZEMBRZYCE_HOST, "zobowiazania/", key, [_obligation("API-W-1", person)])
    post_items(ZEMBRZYCE_HOST, "raty/", key, _installments("API-W-1"))
    payment = {
        "external_id": "BANK-1",
        "pesel": person,
        "booked_on": "2026-03-10",
        "amount": 150,
        "channel": "transfer",
        "obligation_external_id": "API-W-1",
        "installments": [1, 2],
    }
    first = post_items(ZEMBRZYCE_HOST, "wplaty/", key, [payment])
    assert first["items"][0]["result"] == "imported"
    second = post_items(ZEMBRZYCE_HOST, "wplaty/", key, [payment])
    assert second["items"][0]["result"] == "unchanged"
    different = post_items(ZEMBRZYCE_HOST, "wplaty/", key, [{**payment, "amount": 99}])
    assert set(different["items"][0]["errors"]) == {"external_id"}
    with schema_context("zembrzyce"):
        assert Payment.objects.filter(external_id="BANK-1").count() == 1
        paid = dict(
            Installment.objects.filter(obligation__external_id="API-W-1").values_list(
                "number", "paid"
            )
        )
        assert paid[1] == Decimal("100.00") and paid[2] == Decimal("50.00")


def test_api_and_csv_of_one_system_share_its_source(towns):
    from eurzad.finance.imports import import_file
    from tests.finance.import_factories import csv_text

    _client, key = api_client("zembrzyce", ["finance"], source="podatki")
    person = pesel()
    header = ["external_id", "pesel", "first_name", "last_name", "kind", "year", "amount"]
    with schema_context("zembrzyce"):
        report = import_file(
            "obligations",
            csv_text(
                header,
                [
                    [
                        "API-S-1",
                        person,
                        "Anna",
                        "Testowa",
                        "podatek-od-nieruchomosci",
                        "2026",
                        "400.00",
                    ]
                ],
            ),
            source="podatki",
        )
    assert report.imported == 1
    answer = post_items(
        ZEMBRZYCE_HOST,
        "zobowiazania/",
        key,
        [
            {
                "external_id": "API-S-1",
                "pesel": person,
                "first_name": "Anna",
                "last_name": "Testowa",
                "kind": "podatek-od-nieruchomosci",
                "year": 2026,
                "amount": "400.00",
            }
        ],
    )
    assert answer["source"] == "podatki"
    assert answer["items"][0]["result"] == "unchanged"


def test_parties_are_upserted_by_their_identifiers(towns):
    _client, key = api_client("glogow", ["parties"])
    person = pesel()
    item = {
        "party_external_id": "KONTR-1",
        "pesel": person,
        "first_name": "Jan",
        "last_name": "Nowak",
        "city": "Głogów",
    }
    first = post_items(GLOGOW_HOST, "strony/", key, [item])
    assert first["items"][0]["result"] == "imported"
    assert post_items(GLOGOW_HOST, "strony/", key, [item])["items"][0]["result"] == "unchanged"
    moved = post_items(GLOGOW_HOST, "strony/", key, [{**item, "city": "Legnica"}])
    assert moved["items"][0]["result"] == "updated"
    bare = post_items(GLOGOW_HOST, "strony/", key, [{"pesel": person[:10]}])
    assert bare["items"][0]["result"] == "rejected"
    assert person not in str(bare)
    with schema_context("glogow"):
        assert Party.objects.get(external_id="KONTR-1").city == "Legnica"


def test_cases_are_upserted_and_status_changes_recorded(towns):
    _client, key = api_client("glogow", ["cases", "parties"])
    post_items(
        GLOGOW_HOST,
        "strony/",
        key,
        [
            {
                "party_external_id": "KONTR-C",
                "pesel": pesel(),
                "first_name": "Ola",
                "last_name": "Kowal",
            }
        ],
    )
    with schema_context("glogow"):
        statuses = list(CaseStatus.objects.order_by("pk").values_list("code", flat=True)[:2])
    case = {
        "external_id": "EZD-1",
        "party_external_id": "KONTR-C",
        "sign": "GN.6840.1.2026",
        "subject": "Podział działki",
        "received_on": "2026-02-01",
        "status": statuses[0],
    }
    assert post_items(GLOGOW_HOST, "sprawy/", key, [case])["items"][0]["result"] == "imported"
    assert post_items(GLOGOW_HOST, "sprawy/", key, [case])["items"][0]["result"] == "unchanged"
    moved = post_items(GLOGOW_HOST, "sprawy/", key, [{**case, "status": statuses[1]}])
    assert moved["items"][0]["result"] == "updated"
    with schema_context("glogow"):
        stored = Case.objects.get(external_id="EZD-1")
        assert stored.status.code == statuses[1]
        assert stored.status_changes.count() == 2


def test_register_entries_property_and_budget_lines_are_upserted(towns):
    _client, key = api_client("glogow", ["registers", "property", "budget"])
    with schema_context("glogow"):
        definition = RegisterDefinition.objects.order_by("pk").first()
        fields = definition.fields
    values = {}
    for field in fields:
        if field.get("required"):
            values[field["name"]] = {
                "date": "2026-01-01",
                "number": 1,
                "decimal": "1.00",
                "bool": True,
            }.get(field.get("type"), "wartość")
    entry = {
        "register": definition.slug,
        "number": "API/1/2026",
        "external_id": "REJ-1",
        "values": values,
    }
    answer = post_items(GLOGOW_HOST, "wpisy-w-rejestrach/", key, [entry])
    assert answer["items"][0]["result"] == "imported", answer
    again = post_items(GLOGOW_HOST, "wpisy-w-rejestrach/", key, [entry])
    assert again["items"][0]["result"] == "unchanged"

    parcel = {
        "external_id": "MIEN-1",
        "parcel_number": "123/4",
        "precinct": "Obręb 5",
        "area_m2": 812.5,
        "offer": "sale",
        "published": True,
    }
    assert post_items(GLOGOW_HOST, "mienie/", key, [parcel])["items"][0]["result"] == "imported"
    assert post_items(GLOGOW_HOST, "mienie/", key, [parcel])["items"][0]["result"] == "unchanged"
    wrong = post_items(GLOGOW_HOST, "mienie/", key, [{**parcel, "offer": "gift"}])
    assert set(wrong["items"][0]["errors"]) == {"offer"}

    line = {
        "side": "dochody",
        "dzial": "756",
        "rozdzial": "75615",
        "paragraf": "0310",
        "planned": "1000000.00",
        "executed": 250000,
    }
    first = post_items(GLOGOW_HOST, "budzet/2031/", key, [line])
    assert first["items"][0]["result"] == "imported", first
    assert post_items(GLOGOW_HOST, "budzet/2031/", key, [line])["items"][0]["result"] == "unchanged"
    with schema_context("glogow"):
        assert RegisterEntry.objects.filter(source="import", external_id="REJ-1").exists()
        assert Property.objects.get(external_id="MIEN-1").area_m2 == Decimal("812.50")
        assert BudgetLine.objects.get(budget_year__year=2031, rozdzial="75615").executed == 250000


def test_values_that_do_not_fit_are_rejected_not_a_server_error(towns):
    _client, key = api_client("glogow", ["finance", "budget"])
    nul = post_items(GLOGOW_HOST, "zobowiazania/", key, [_obligation("API-\x00-1", pesel())])
    assert nul["items"][0]["result"] == "rejected"
    huge = {
        "side": "dochody",
        "dzial": "756",
        "rozdzial": "75615",
        "paragraf": "0310",
        "planned": "9" * 20 + ".00",
    }
    answer = post_items(GLOGOW_HOST, "budzet/2032/", key, [huge])
    assert answer["items"][0]["result"] == "rejected"
    assert "nie mieści się" in str(answer["items"][0]["errors"])
