"""An online payment made through the town's gateway is in the payments feed, with what
it settled, and posted to the clients that want the webhook — end to end over HTTP."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from api.models import ApiClient, FeedEntry, WebhookDelivery
from eurzad.finance.models import Payment
from tests.api.integration.helpers import api_client, call
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    payments_server_fixture,
    world_fixture,
)
from tests.finance.test_gateways_flow import intent_of, pay_through_simulator

pytestmark = pytest.mark.slow


def test_payment_feed_needs_the_finance_scope(towns):
    """(Also makes pytest-django set up the test database when only this file runs.)"""
    _client, key = api_client("zembrzyce", ["access-requests"])
    assert call(ZEMBRZYCE_HOST, "get", "zmiany/wplaty/", key).status_code == 403


def _to_the_end(host: str, key: str) -> str:
    cursor = ""
    while True:
        page = call(host, "get", f"zmiany/wplaty/?since={cursor}&limit=500", key).json()
        cursor = page["next"]
        if not page["has_more"]:
            return cursor


def test_online_payment_is_in_the_feed_with_its_allocations(payments_server, world):
    client, key = api_client(
        "zembrzyce",
        ["finance"],
        webhook_url="http://127.0.0.1:9/nikt",
        webhook_secret="s",
        webhook_events=["payment.booked"],
    )
    other, other_key = api_client("glogow", ["finance"])
    try:
        start = _to_the_end(ZEMBRZYCE_HOST, key)
        glogow_start = _to_the_end(GLOGOW_HOST, other_key)
        debtor = world.debtor("zembrzyce", ("120.50", "80.00"))
        _client, back = pay_through_simulator(payments_server, debtor, "pay")
        assert back.status_code == 200
        intent = intent_of(debtor)
        assert intent.status == "succeeded"
        page = call(ZEMBRZYCE_HOST, "get", f"zmiany/wplaty/?since={start}", key).json()
        [item] = page["items"]
        data = item["data"]
        assert item["event"] == "payment.booked"
        assert data["external_id"] == intent.gateway_transaction_id
        assert data["source"] == "przelewy24" and data["amount"] == "200.50"
        parts = {(a["installment_number"], a["amount"]) for a in data["allocations"]}
        assert parts == {(1, "120.50"), (2, "80.00")}
        assert data["unallocated"] == "0.00"
        with schema_context("zembrzyce"):
            assert WebhookDelivery.objects.filter(
                client=client, event="payment.booked", object_id=intent.payment_id
            ).exists()
        glogow_page = call(
            GLOGOW_HOST, "get", f"zmiany/wplaty/?since={glogow_start}", other_key
        ).json()
        assert glogow_page["items"] == []
    finally:
        with schema_context("zembrzyce"):
            WebhookDelivery.objects.filter(client=client).delete()
            parties = [pk for schema, pk in world.parties if schema == "zembrzyce"]
            payments = Payment.objects.filter(party_id__in=parties).values("pk")
            FeedEntry.objects.filter(event="payment.booked", object_id__in=payments).delete()
            ApiClient.objects.filter(pk=client.pk).delete()
        with schema_context("glogow"):
            ApiClient.objects.filter(pk=other.pk).delete()
