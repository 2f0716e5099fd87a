"""The operator API keeps the same table as the console: ``odsetki/`` lists both tables of
rates and the thresholds with the latest change of each; rates and thresholds are added,
corrected and deleted with the console's checks (400 problems naming the field) and the
same audit log; only with an enrolled operator's token."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import yaml
from django.conf import settings
from django.test import Client

from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime
from tenants.console.models import OperatorAction
from tests.console.conftest import JSON, api_client, console_client, make_operator
from tests.interest.conftest import SOURCE, SPARE_DAY, SPARE_THRESHOLD_DAY

ROOT = "/api/operator/v1/odsetki/"
RATES = ROOT + "stawki/"
THRESHOLDS = ROOT + "progi/"
PROBLEM = "application/problem+json"


def rate(**changes: Any) -> dict[str, Any]:
    body = {"regime": "civil", "valid_from": SPARE_DAY.isoformat(), "rate": "11.00",
            "announcement": SOURCE, "source_url": "https://monitorpolski.gov.pl/MP/43"}  # fmt: skip
    return {**body, **changes}


def threshold(**changes: Any) -> dict[str, Any]:
    body = {"valid_from": SPARE_THRESHOLD_DAY.isoformat(), "amount": "7.50",
            "announcement": "Cennik Poczty Polskiej od 1 lipca 2020 r."}  # fmt: skip
    return {**body, **changes}


def test_the_list_holds_both_tables_and_the_thresholds_with_their_latest_change(api):
    answer = api.get(ROOT)
    assert answer.status_code == 200
    body = answer.json()
    days = [row["valid_from"] for row in body["rates"]]
    assert days == sorted(days, reverse=True)
    assert {row["regime"] for row in body["rates"]} == {"tax", "civil"}
    assert len(body["rates"]) == InterestRate.objects.count()
    first = body["rates"][0]
    assert set(first) == {"id", "regime", "valid_from", "rate", "announcement", "source_url",
                          "created_by", "created_at"}  # fmt: skip
    assert body["thresholds"][0]["amount"] == "8.70" and body["thresholds"][0]["created_by"]
    latest = InterestRate.objects.filter(regime=Regime.TAX).latest("valid_from")
    assert body["latest_change"]["tax"] == latest.valid_from.isoformat()
    assert set(body["latest_change"]) == {"tax", "civil", "threshold"}


def test_an_operator_adds_a_rate_and_a_threshold_through_the_api(api):
    answer = api.post(RATES, rate(rate=11), content_type=JSON)
    assert answer.status_code == 201, answer.content
    row = InterestRate.objects.get(regime=Regime.CIVIL, valid_from=SPARE_DAY)
    assert answer["Location"] == f"{RATES}{row.pk}/"
    assert answer.json()["rate"] == "11.00" and answer.json()["created_by"] == "operator"
    assert (row.rate, row.created_by) == (Decimal("11.00"), "operator")
    entry = OperatorAction.objects.get(action="interest_rate_added")
    assert (entry.operator_name, entry.channel, entry.details["id"]) == ("operator", "api", row.pk)
    answer = api.post(THRESHOLDS, threshold(), content_type=JSON)
    assert answer.status_code == 201, answer.content
    assert InterestThreshold.objects.get(valid_from=SPARE_THRESHOLD_DAY).amount == Decimal("7.50")
    assert OperatorAction.objects.get(action="interest_threshold_added").channel == "api"
    # Both are in the list at once.
    listed = api.get(ROOT).json()
    assert any(r["id"] == row.pk for r in listed["rates"])


def problem(answer: Any) -> dict[str, list[str]]:
    assert answer.status_code == 400, answer.content
    assert answer["Content-Type"] == PROBLEM
    body = answer.json()
    assert body["title"] == "Nieprawidłowe dane" and body["status"] == 400
    return body["errors"]


def test_wrong_values_are_400_problems_naming_the_field(api):
    assert problem(api.post(RATES, rate(rate="0"), content_type=JSON)) == {
        "rate": ["Stawka roczna musi wynosić od 0,01 do 100 %."]
    }
    assert problem(api.post(RATES, rate(rate="12.345"), content_type=JSON))["rate"] == [
        "Podaj stawkę z dokładnością do setnych części procentu."
    ]
    assert "rate" in problem(api.post(RATES, rate(rate="dużo"), content_type=JSON))
    assert "regime" in problem(api.post(RATES, rate(regime="none"), content_type=JSON))
    wrong = rate(announcement="", source_url="nie-adres")
    errors = problem(api.post(RATES, wrong, content_type=JSON))
    assert errors["announcement"] == [
        "Podaj obwieszczenie, w którym ogłoszono stawkę, np. „M.P. 2026 poz. 250”."
    ]
    assert errors["source_url"] == ["Podaj pełny adres strony ze źródłem, od https://."]
    assert problem(api.post(RATES, rate(announcement="M.P. " * 61), content_type=JSON)) == {
        "announcement": ["Opis źródła może mieć najwyżej 300 znaków."]
    }
    taken = problem(api.post(RATES, rate(valid_from="2023-10-05", regime="tax"), content_type=JSON))
    assert "już jest w tabeli" in taken["valid_from"][0]
    assert "valid_from" in problem(api.post(RATES, {"regime": "tax"}, content_type=JSON))
    assert problem(api.post(THRESHOLDS, threshold(amount="-0.01"), content_type=JSON)) == {
        "amount": ["Kwota musi wynosić od 0 do 999 999,99 zł."]
    }
    assert not OperatorAction.objects.filter(action__startswith="interest_").exists()
    assert not InterestRate.objects.filter(valid_from=SPARE_DAY).exists()


def test_an_operator_corrects_and_deletes_rows_through_the_api(api):
    created = api.post(RATES, rate(), content_type=JSON).json()
    url = f"{RATES}{created['id']}/"
    assert api.get(url).json()["rate"] == "11.00"
    answer = api.put(url, rate(rate="10.75"), content_type=JSON)
    assert answer.status_code == 200 and answer.json()["rate"] == "10.75"
    changed = OperatorAction.objects.get(action="interest_rate_changed")
    assert changed.details["changed"] == {"rate": ["11.00", "10.75"]}
    assert api.delete(url, {"reason": "pomyłka"}, content_type=JSON).status_code == 204
    assert not InterestRate.objects.filter(pk=created["id"]).exists()
    assert OperatorAction.objects.get(action="interest_rate_deleted").details["reason"] == "pomyłka"
    gone = api.get(url)
    assert gone.status_code == 404 and gone["Content-Type"] == PROBLEM
    row = api.post(THRESHOLDS, threshold(), content_type=JSON).json()
    url = f"{THRESHOLDS}{row['id']}/"
    assert api.put(url, threshold(amount="7.80"), content_type=JSON).json()["amount"] == "7.80"
    assert api.delete(url).status_code == 204


def test_the_only_rate_of_a_regime_is_a_conflict(api):
    InterestRate.objects.filter(regime="civil").exclude(valid_from=date(2016, 1, 1)).delete()
    only = InterestRate.objects.get(regime="civil")
    answer = api.delete(f"{RATES}{only.pk}/")
    assert answer.status_code == 409 and answer["Content-Type"] == PROBLEM
    assert "jedyna stawka" in answer.json()["detail"]


def test_only_an_enrolled_operators_token_reaches_the_table(operator):
    anonymous = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    session = console_client(operator)  # a console session is no API credential
    not_enrolled = api_client(make_operator("bez2fa", enrolled=False))
    bad = Client(HTTP_HOST=settings.PLATFORM_DOMAIN, HTTP_AUTHORIZATION="Bearer eop_x_y")
    row = InterestRate.objects.latest("valid_from")
    for client in (anonymous, session, not_enrolled, bad):
        assert client.get(ROOT).status_code == 401
        assert client.post(RATES, rate(), content_type=JSON).status_code == 401
        assert client.post(THRESHOLDS, threshold(), content_type=JSON).status_code == 401
        assert client.put(f"{RATES}{row.pk}/", rate(), content_type=JSON).status_code == 401
        assert client.delete(f"{RATES}{row.pk}/").status_code == 401
    assert InterestRate.objects.filter(pk=row.pk).exists()
    assert not InterestRate.objects.filter(valid_from=SPARE_DAY).exists()


def test_the_schema_describes_the_table_and_its_problems(api):
    schema = yaml.safe_load(api.get("/api/operator/v1/schema/").content)
    paths = schema["paths"]
    assert {"/odsetki/", "/odsetki/stawki/", "/odsetki/stawki/{id}/", "/odsetki/progi/",
            "/odsetki/progi/{id}/"} <= set(paths)  # fmt: skip
    add = paths["/odsetki/stawki/"]["post"]
    assert set(add["responses"]) >= {"201", "400", "401"}
    assert "application/problem+json" in add["responses"]["400"]["content"]
    assert paths["/odsetki/stawki/{id}/"]["delete"]["responses"].keys() >= {"204", "404", "409"}
    body = schema["components"]["schemas"]["InterestTable"]["properties"]
    assert set(body) == {"rates", "thresholds", "latest_change"}
