"""The same payment posted twice at the same moment is booked once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from api.models import ApiClient
from eurzad.finance.models import Installment, Obligation, Payment, PaymentAllocation
from eurzad.parties.models import Party
from tests.api.integration.helpers import api_client, call, post_items
from tests.conftest import ZEMBRZYCE_HOST
from tests.finance.import_factories import pesel

SOURCE = "api-concurrency"


@pytest.fixture
def committed_client(committed_db) -> Iterator[str]:
    client, key = api_client("zembrzyce", ["finance"], source=SOURCE)
    yield key
    with schema_context("zembrzyce"):
        payments = Payment.objects.filter(source=SOURCE)
        PaymentAllocation.objects.filter(payment__in=payments).delete()
        parties = list(payments.values_list("party_id", flat=True))
        payments.delete()
        obligations = Obligation.objects.filter(source=SOURCE)
        parties += list(obligations.values_list("party_id", flat=True))
        Installment.objects.filter(obligation__in=obligations).delete()
        obligations.delete()
        Party.objects.filter(pk__in=parties).delete()
        ApiClient.objects.filter(pk=client.pk).delete()


def test_unrelated_request_sets_up_the_database(towns):
    """Makes pytest-django set up the test database when only this file runs."""
    assert call(ZEMBRZYCE_HOST, "get", "zmiany/wplaty/", None).status_code == 401


def test_payment_posted_twice_at_once_is_booked_once(committed_client):
    key, person = committed_client, pesel()
    post_items(
        ZEMBRZYCE_HOST,
        "zobowiazania/",
        key,
        [
            {
                "external_id": "CONC-1",
                "pesel": person,
                "first_name": "Anna",
                "last_name": "Rowna",
                "kind": "podatek-od-nieruchomosci",
                "year": 2026,
                "amount": "200.00",
            }
        ],
    )
    post_items(
        ZEMBRZYCE_HOST,
        "raty/",
        key,
        [
            {
                "obligation_external_id": "CONC-1",
                "number": 1,
                "due_date": "2026-03-16",
                "amount": "200.00",
            },
        ],
    )
    payment = {
        "external_id": "BANK-CONC-1",
        "pesel": person,
        "booked_on": "2026-03-10",
        "amount": "200.00",
        "channel": "transfer",
        "obligation_external_id": "CONC-1",
    }
    start = threading.Barrier(2)
    results: list[str] = []

    def post() -> None:
        try:
            start.wait(10)
            answer = post_items(ZEMBRZYCE_HOST, "wplaty/", key, [payment])
            results.append(answer["items"][0]["result"])
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == ["imported", "unchanged"]
    with schema_context("zembrzyce"):
        assert Payment.objects.filter(source=SOURCE, external_id="BANK-CONC-1").count() == 1
        installment = Installment.objects.get(obligation__external_id="CONC-1")
        assert installment.paid == Decimal("200.00") and installment.state == "paid"
