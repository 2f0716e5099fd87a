"""Change feeds: pages from an opaque cursor, never skipping a change whose transaction
commits late, PESEL in full only for a client with the parties scope."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from api.models import ApiClient, FeedEntry, WebhookDelivery
from eurzad.identity.models import AccessRequest
from tests.api.integration.helpers import api_client, call
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.import_factories import pesel

FEED = "zmiany/wnioski-o-dostep/"


class Filed:
    """Access requests committed in a town's schema, removed afterwards."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.ids: list[int] = []
        self.clients: list[int] = []

    def request(self, **values: object) -> AccessRequest:
        with schema_context(self.schema):
            filed = AccessRequest.objects.create(
                reference=f"WD/2099/{secrets.token_hex(4)}",
                channel="portal",
                due_on=date.today() + timedelta(days=7),
                first_name="Ewa",
                last_name="Testowa",
                pesel=pesel(),
                **values,
            )
        self.ids.append(filed.pk)
        return filed

    def client(self, scopes: list[str]) -> str:
        client, key = api_client(self.schema, scopes)
        self.clients.append(client.pk)
        return key

    def cleanup(self) -> None:
        with schema_context(self.schema):
            FeedEntry.objects.filter(object_id__in=self.ids, stream="access-requests").delete()
            WebhookDelivery.objects.filter(client_id__in=self.clients).delete()
            AccessRequest.objects.filter(pk__in=self.ids).delete()
            ApiClient.objects.filter(pk__in=self.clients).delete()


@pytest.fixture
def filed(committed_db) -> Iterator[Filed]:
    made = Filed("zembrzyce")
    yield made
    made.cleanup()


def _read(key: str, since: str = "", limit: int = 100, host: str = ZEMBRZYCE_HOST) -> dict:
    answer = call(host, "get", f"{FEED}?since={since}&limit={limit}", key)
    assert answer.status_code == 200, answer.content
    return answer.json()


def _references(page: dict) -> list[str]:
    return [item["data"]["reference"] for item in page["items"]]


def _to_the_end(key: str, host: str = ZEMBRZYCE_HOST) -> str:
    cursor = ""
    while True:
        page = _read(key, cursor, 500, host=host)
        cursor = page["next"]
        if not page["has_more"]:
            return cursor


def test_a_bad_cursor_is_a_clear_400(towns):
    """(Also makes pytest-django set up the test database when only this file runs: the
    committed-data tests here do not ask for ``db``.)"""
    _client, key = api_client("zembrzyce", ["access-requests"])
    answer = call(ZEMBRZYCE_HOST, "get", f"{FEED}?since=nie-kursor", key)
    assert answer.status_code == 400
    assert "since" in answer.json()["errors"]
    assert call(ZEMBRZYCE_HOST, "get", f"{FEED}?limit=0", key).status_code == 400


def test_feed_pages_from_a_cursor_and_ends_with_the_position_to_poll_from(filed):
    key = filed.client(["access-requests"])
    start = _to_the_end(key)
    made = [filed.request() for _ in range(3)]
    first = _read(key, start, limit=2)
    assert _references(first) == [made[0].reference, made[1].reference]
    assert first["has_more"] is True
    second = _read(key, first["next"], limit=2)
    assert _references(second) == [made[2].reference]
    assert second["has_more"] is False
    assert _read(key, second["next"])["items"] == []
    assert _read(key, second["next"])["next"] == second["next"]


def test_filed_and_decided_are_two_changes(filed):
    key = filed.client(["access-requests"])
    start = _to_the_end(key)
    request = filed.request()
    with schema_context("zembrzyce"):
        request.status = AccessRequest.Status.REJECTED
        request.rejection_reason = "Brak podpisu."
        request.decided_at = timezone.now()
        request.save()
        request.save()  # a later save is not a second decision
    page = _read(key, start)
    assert [item["event"] for item in page["items"]] == [
        "access_request.filed",
        "access_request.decided",
    ]
    assert page["items"][1]["data"]["status"] == "rejected"


def test_a_change_whose_object_was_removed_is_kept_with_null_data(filed):
    """The feed keeps its positions: the change stays, only its data is gone."""
    key = filed.client(["access-requests"])
    start = _to_the_end(key)
    kept, removed = filed.request(), filed.request()
    with schema_context("zembrzyce"):
        AccessRequest.objects.filter(pk=removed.pk).delete()
    page = _read(key, start)
    assert [item["event"] for item in page["items"]] == ["access_request.filed"] * 2
    assert page["items"][0]["data"]["reference"] == kept.reference
    assert page["items"][1]["data"] is None


def test_pesel_in_full_only_with_the_parties_scope(filed):
    masked_key = filed.client(["access-requests"])
    full_key = filed.client(["access-requests", "parties"])
    start_masked, start_full = _to_the_end(masked_key), _to_the_end(full_key)
    request = filed.request()
    masked = _read(masked_key, start_masked)["items"][0]["data"]
    full = _read(full_key, start_full)["items"][0]["data"]
    assert masked["pesel"] == "*******" + request.pesel[-4:]
    assert "email" not in masked
    assert full["pesel"] == request.pesel


def test_a_change_that_commits_late_is_never_skipped(filed):
    """T1 writes first and commits last; T2 writes second and commits at once. A cursor
    past T2's change must still lead to T1's once T1 commits (ordering by insert order
    would have skipped it)."""
    key = filed.client(["access-requests"])
    start = _to_the_end(key)
    written, release, done = threading.Event(), threading.Event(), threading.Event()
    late: list[AccessRequest] = []

    def slow_transaction() -> None:
        try:
            with schema_context("zembrzyce"), transaction.atomic():
                late.append(filed.request())
                written.set()
                release.wait(30)
        finally:
            connection.close()
            done.set()

    worker = threading.Thread(target=slow_transaction)
    worker.start()
    assert written.wait(30)
    early = filed.request()  # inserted after T1's row, committed at once
    while_running = _read(key, start)
    assert _references(while_running) == [early.reference]
    release.set()
    assert done.wait(30)
    worker.join()
    assert late[0].pk < early.pk  # T1's row was inserted first…
    after = _read(key, while_running["next"])
    assert _references(after) == [late[0].reference]  # …and is not skipped
    assert _read(key, after["next"])["items"] == []


def test_zembrzyce_changes_never_show_on_glogow(filed):
    on_glogow = Filed("glogow")
    try:
        key = on_glogow.client(["access-requests"])
        start = _to_the_end(key, GLOGOW_HOST)
        filed.request()
        assert _read(key, start, host=GLOGOW_HOST)["items"] == []
    finally:
        on_glogow.cleanup()
