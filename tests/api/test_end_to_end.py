"""The town's tax system, a resident's phone and the payment gateway, end to end over real
HTTP (gunicorn on the test database, the Przelewy24 simulator): the back office upserts an
obligation with its installments → the resident pairs the phone and sees it in the mobile
API → pays one installment from the phone → the gateway's notification books it → the
back office finds the payment in its change feed. The other town sees none of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from api.models import ApiClient, FeedEntry
from eurzad.identity.models import Resident
from eurzad.identity.pin import set_pin
from eurzad.parties.models import Party
from tests.api.integration.helpers import api_client as integration_client
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.import_factories import nrb, pesel
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    HostClient,
    payments_server_fixture,
    world_fixture,
)

pytestmark = pytest.mark.slow
SCHEMA = "zembrzyce"
PIN = "4821"


def test_the_schema_describes_every_step_of_the_journey(towns, zembrzyce):
    """(Also makes pytest-django set up the test database when only this file runs: the
    committed-data test below does not ask for ``db`` itself.)"""
    paths = zembrzyce.get("/api/v1/schema/?format=json").json()["paths"]
    for path in (
        "/api/v1/integracja/zobowiazania/",
        "/api/v1/integracja/raty/",
        "/api/v1/mobile/pair/",
        "/api/v1/mobile/obligations/{obligation_id}/",
        "/api/v1/mobile/payments/",
        "/api/v1/integracja/zmiany/wplaty/",
    ):
        assert path in paths, path


def test_back_office_obligation_is_paid_from_the_phone_and_comes_back_in_the_feed(
    payments_server, world
):
    http = HostClient(payments_server)

    def town(path: str, host: str = ZEMBRZYCE_HOST) -> str:
        return payments_server.url(host, path)

    client, key = integration_client(SCHEMA, ["finance"])
    other, other_key = integration_client("glogow", ["finance"])
    back_office = {"Authorization": f"ApiKey {key}"}
    person = pesel()
    try:
        feed = http.request("GET", town("/api/v1/integracja/zmiany/wplaty/"), headers=back_office)
        assert feed.status_code == 200, feed.text
        start = _end_of_feed(http, town, back_office, feed.json())

        # 1. The tax system sends the decision and its installments.
        obligation = {
            "external_id": "E2E-2026-1",
            "pesel": person,
            "first_name": "Teresa",
            "last_name": "Końcowa",
            "kind": "podatek-od-nieruchomosci",
            "year": 2026,
            "amount": "300.00",
            "bank_account": nrb(),
        }
        sent = http.request(
            "POST", town("/api/v1/integracja/zobowiazania/"), headers=back_office,
            json={"items": [obligation]},
        )  # fmt: skip
        assert sent.status_code == 200, sent.text
        assert sent.json()["items"][0]["result"] == "imported"
        installments = [
            {
                "obligation_external_id": "E2E-2026-1",
                "number": n,
                "due_date": day,
                "amount": "150.00",
            }
            for n, day in ((1, "2026-03-16"), (2, "2026-05-15"))
        ]
        sent = http.request(
            "POST", town("/api/v1/integracja/raty/"), headers=back_office,
            json={"items": installments},
        )  # fmt: skip
        assert sent.status_code == 200, sent.text
        assert sent.json()["totals"]["imported"] == 2

        # 2. The person has an account with a PIN (set in Mój e-Urząd) and pairs a phone.
        with schema_context(SCHEMA):
            party = Party.objects.get(pesel=person)
            user = get_user_model().objects.create_user(username=f"e2e-{party.pk}")
            resident = Resident.objects.create(user=user, party=party)
            set_pin(resident, PIN)
        world.parties.append((SCHEMA, party.pk))
        world.users.append((SCHEMA, user.pk))
        paired = http.request(
            "POST", town("/api/v1/mobile/pair/"),
            json={"pesel": person, "pin": PIN, "device_name": "Telefon Teresy"},
        )  # fmt: skip
        assert paired.status_code == 201, paired.text
        phone = {"Authorization": f"Bearer {paired.json()['token']}"}

        # 3. The phone shows the obligation and pays its first installment.
        overview = http.request("GET", town("/api/v1/mobile/obligations/"), headers=phone)
        assert overview.status_code == 200, overview.text
        [summary] = [
            item
            for year in overview.json()["shown"]
            for item in year["obligations"]
            if item["year"] == 2026
        ]
        detail = http.request(
            "GET", town(f"/api/v1/mobile/obligations/{summary['id']}/"), headers=phone
        ).json()
        first = detail["installments"][0]
        assert (first["number"], first["remaining"]) == (1, "150.00")
        # Overdue since March: the phone asks for it with its interest to today.
        interest = Decimal(first["interest_today"])
        assert Decimal(first["to_pay_today"]) == Decimal("150.00") + interest
        started = http.request(
            "POST", town("/api/v1/mobile/payments/"), headers=phone,
            json={"installments": [{"id": first["id"]}]},
        )  # fmt: skip
        assert started.status_code == 201, started.text
        gateway_page = started.json()["redirect_url"]
        assert "/symulator-p24/trnRequest/" in gateway_page

        # 4. The payer pays at the gateway; its notification is verified and booked.
        page = http.get(gateway_page)
        assert page.status_code == 200
        http.post_form(gateway_page, {"choice": "pay"})
        intent = http.request(
            "GET", town(f"/api/v1/mobile/payments/intents/{started.json()['id']}/"),
            headers=phone,
        ).json()  # fmt: skip
        assert intent["status"] == "succeeded", payments_server.log_tail()
        after = http.request(
            "GET", town(f"/api/v1/mobile/obligations/{summary['id']}/"), headers=phone
        ).json()
        assert after["installments"][0]["remaining"] == "0.00"

        # 5. The back office reads the payment from its change feed.
        feed = http.request(
            "GET", town(f"/api/v1/integracja/zmiany/wplaty/?since={start}"), headers=back_office
        )
        assert feed.status_code == 200, feed.text
        [entry] = feed.json()["items"]
        assert entry["event"] == "payment.booked"
        assert Decimal(entry["data"]["amount"]) == Decimal("150.00") + interest
        [allocation] = entry["data"]["allocations"]
        assert allocation["installment_number"] == 1
        assert (Decimal(allocation["amount"]), Decimal(allocation["interest"])) == (
            Decimal("150.00"), interest,
        )  # fmt: skip

        # The other town's host knows neither the phone nor the key, nor the payment.
        assert http.request(
            "GET", town("/api/v1/mobile/obligations/", GLOGOW_HOST), headers=phone
        ).status_code == 401  # fmt: skip
        assert http.request(
            "GET", town("/api/v1/integracja/zmiany/wplaty/", GLOGOW_HOST), headers=back_office
        ).status_code == 401  # fmt: skip
        # (An entry whose payment has since been removed carries "data": null.)
        glogow_items = _all_items(
            http, lambda path: town(path, GLOGOW_HOST), {"Authorization": f"ApiKey {other_key}"}
        )
        ours = entry["data"]["external_id"]
        assert all((item["data"] or {}).get("external_id") != ours for item in glogow_items)
    finally:
        with schema_context(SCHEMA):
            FeedEntry.objects.filter(event="payment.booked").filter(
                object_id__in=_payments_of(person)
            ).delete()
            ApiClient.objects.filter(pk=client.pk).delete()
        with schema_context("glogow"):
            ApiClient.objects.filter(pk=other.pk).delete()


def _end_of_feed(http: HostClient, town, headers: dict[str, str], page: dict) -> str:  # type: ignore[no-untyped-def]
    while page["has_more"]:
        page = http.request(
            "GET", town(f"/api/v1/integracja/zmiany/wplaty/?since={page['next']}"),
            headers=headers,
        ).json()  # fmt: skip
    return page["next"]


def _all_items(http: HostClient, town, headers: dict[str, str]) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every item of the payments feed, from its beginning."""
    items: list[dict] = []
    page = {"next": "", "has_more": True}
    while page["has_more"]:
        answer = http.request(
            "GET", town(f"/api/v1/integracja/zmiany/wplaty/?limit=500&since={page['next']}"),
            headers=headers,
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items.extend(page["items"])
    return items


def _payments_of(person: str) -> list[int]:
    from eurzad.finance.models import Payment

    return list(Payment.objects.filter(party__pesel=person).values_list("pk", flat=True))
