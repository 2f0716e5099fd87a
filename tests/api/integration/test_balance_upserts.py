"""``POST rozliczenia/``: the tax system's balances by Party, kind and year, by the rules
of the CSV import — idempotent by (source, external id), judged item by item, an older
statement never replacing a newer one, and each town's own."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.models import AccountBalance
from tests.api.integration.helpers import api_client, call, post_items
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance.import_factories import natural_party, pesel

PATH = "rozliczenia/"


def _item(external_id: str, person: str, **values: object) -> dict:
    item: dict[str, object] = {
        "external_id": external_id,
        "pesel": person,
        "kind": "podatek-od-nieruchomosci",
        "year": 2026,
        "as_of": "2026-06-30",
        "assessed": "412.00",
        "corrections": -12,
        "paid": 200,
        "arrears": "100,00",
        "interest": "4.00",
        "to_pay": "204.00",
    }
    item.update(values)
    return item


def _known_person(schema: str = "zembrzyce") -> str:
    with schema_context(schema):
        return natural_party().pesel


def test_balances_are_upserted_and_the_same_call_again_changes_nothing(towns):
    _client, key = api_client("zembrzyce", ["finance"], source="podatki")
    person = _known_person()
    items = [_item("RZ-API-1", person), _item("RZ-API-2", person, kind="oplata-odpady")]
    first = post_items(ZEMBRZYCE_HOST, PATH, key, items)
    assert first["source"] == "podatki"
    assert first["totals"] == {
        "imported": 2, "updated": 0, "unchanged": 0, "rejected": 0, "warnings": 0,
    }  # fmt: skip
    assert [item["external_id"] for item in first["items"]] == ["RZ-API-1", "RZ-API-2"]
    again = post_items(ZEMBRZYCE_HOST, PATH, key, items)
    assert [item["result"] for item in again["items"]] == ["unchanged", "unchanged"]
    items[0].update(as_of="2026-07-31", paid="300.00", to_pay="104.00")
    changed = post_items(ZEMBRZYCE_HOST, PATH, key, items)
    assert [item["result"] for item in changed["items"]] == ["updated", "unchanged"]
    with schema_context("zembrzyce"):
        stored = AccountBalance.objects.get(source="podatki", external_id="RZ-API-1")
        assert (stored.paid, stored.corrections, stored.as_of) == (
            Decimal("300.00"), Decimal("-12.00"), date(2026, 7, 31),
        )  # fmt: skip
        assert stored.party.pesel == person
        assert AccountBalance.objects.filter(external_id__startswith="RZ-API-").count() == 2


def test_bad_items_are_rejected_by_field_and_the_rest_saved(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    person, stranger = _known_person(), pesel()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    items = [
        _item("RZ-V-1", person),
        _item("RZ-V-2", stranger, kind="oplata-odpady"),
        _item("RZ-V-3", person, kind="podatek-od-psow"),
        _item("RZ-V-4", person, kind="oplata-odpady", interest="-1"),
        _item("RZ-V-5", person, kind="oplata-odpady", as_of=tomorrow),
        _item("RZ-V-6", person, kind="oplata-odpady", arrears={"nested": 1}),
        "not an object",
        _item("RZ-V-1", person, year=2025),  # the same id twice in one call
        _item("RZ-V-9", person),  # the Party's 2026 property tax once more, another id
    ]
    answer = post_items(ZEMBRZYCE_HOST, PATH, key, items)
    results = {item["index"]: item for item in answer["items"]}
    assert results[0]["result"] == "imported"
    assert [set(results[i]["errors"]) for i in range(1, 6)] == [
        {"party_external_id"}, {"kind"}, {"interest"}, {"as_of"}, {"arrears"},
    ]  # fmt: skip
    assert results[6]["result"] == "rejected" and results[6]["errors"]
    assert set(results[7]["errors"]) == {"external_id"}
    assert set(results[8]["errors"]) == {"year"}
    assert answer["totals"]["imported"] == 1 and answer["totals"]["rejected"] == 8
    assert stranger not in str(answer) and person not in str(answer)
    with schema_context("zembrzyce"):
        assert AccountBalance.objects.filter(external_id__startswith="RZ-V-").count() == 1


def test_a_statement_older_than_the_stored_one_is_rejected_and_the_newer_kept(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    person = _known_person()
    post_items(ZEMBRZYCE_HOST, PATH, key, [_item("RZ-O-1", person, as_of="2026-07-31")])
    late = post_items(
        ZEMBRZYCE_HOST, PATH, key, [_item("RZ-O-1", person, as_of="2026-06-30", interest="1")]
    )
    [item] = late["items"]
    assert item["result"] == "rejected" and set(item["errors"]) == {"as_of"}
    with schema_context("zembrzyce"):
        stored = AccountBalance.objects.get(external_id="RZ-O-1")
        assert stored.as_of == date(2026, 7, 31) and stored.interest == Decimal("4.00")


def test_a_zembrzyce_key_writes_nothing_through_glogows_host(towns):
    _client, key = api_client("zembrzyce", ["finance"])
    person = _known_person("zembrzyce")
    answer = call(GLOGOW_HOST, "post", PATH, key, {"items": [_item("RZ-T-1", person)]})
    assert answer.status_code == 401
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            assert not AccountBalance.objects.filter(external_id="RZ-T-1").exists()
    # Głogów's own key on its own host: a Party known only in Zembrzyce is unknown there.
    _client, glogow_key = api_client("glogow", ["finance"])
    [item] = post_items(GLOGOW_HOST, PATH, glogow_key, [_item("RZ-T-1", person)])["items"]
    assert item["result"] == "rejected" and set(item["errors"]) == {"party_external_id"}


def test_the_schema_describes_the_balance_items(towns):
    schema = host_client(GLOGOW_HOST).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/integracja/rozliczenia/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("BalancesUpsertRequest")
    item = schema["components"]["schemas"]["AccountBalanceItemRequest"]
    assert set(item["required"]) == {
        "external_id", "kind", "year", "as_of", "assessed", "paid", "arrears", "interest",
        "to_pay",
    }  # fmt: skip
    assert {"corrections", "written_off", "overpayment", "pesel"} <= set(item["properties"])
