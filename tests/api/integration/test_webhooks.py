"""Signed webhooks: written with the change, posted after it, signed with the client's
secret, retried with backoff until the receiver takes them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from api.integration.webhooks import MAX_ATTEMPTS, deliver, verify
from api.models import ApiClient, FeedEntry, WebhookDelivery
from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from tests.api.integration.helpers import api_client
from tests.finance.import_factories import pesel

SECRET = "sekret-webhookow-urzedu"


class Receiver:
    """An HTTP receiver on 127.0.0.1 that checks the signature like the town's system
    would and answers with the statuses it is told to."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "body": body,
                        "event": self.headers["X-Eurzad-Event"],
                        "delivery": self.headers["X-Eurzad-Delivery"],
                        "valid": verify(SECRET, body, self.headers["X-Eurzad-Signature"]),
                    }
                )
                status = receiver.answers.pop(0) if receiver.answers else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/eurzad/webhook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.stop()


def _file(schema: str = "zembrzyce"):  # type: ignore[no-untyped-def]
    with schema_context(schema):
        return file_access_request(
            Applicant("Ewa", "Webhookowa", pesel(), date(1975, 3, 15), "login.gov.pl"),
            Contact(email="ewa@example.pl"),
            channel="portal",
        )


def _client_for(receiver: Receiver, scopes: list[str], events: list[str]) -> ApiClient:
    client, _key = api_client(
        "zembrzyce", scopes, webhook_url=receiver.url, webhook_secret=SECRET, webhook_events=events
    )
    return client


def test_filed_request_is_recorded_and_signed_webhook_delivered(towns, receiver):
    client = _client_for(receiver, ["access-requests"], ["access_request.filed"])
    request = _file()
    with schema_context("zembrzyce"):
        assert FeedEntry.objects.filter(event="access_request.filed", object_id=request.pk).exists()
        delivery = WebhookDelivery.objects.get(client=client, object_id=request.pk)
        assert deliver(delivery.pk) == ("delivered", None)
        delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 1
    [got] = receiver.received
    assert got["valid"] is True
    assert got["event"] == "access_request.filed"
    assert got["delivery"] == str(delivery.pk)
    body = json.loads(got["body"])
    assert body["data"]["reference"] == request.reference
    assert body["data"]["pesel"] != request.pesel  # masked without the parties scope
    assert not verify("inny-sekret", got["body"], "t=1,v1=00")


def test_failed_delivery_is_retried_with_backoff_and_the_same_body(towns, receiver):
    client = _client_for(receiver, ["access-requests"], ["access_request.filed"])
    receiver.answers = [500, 503]
    request = _file()
    with schema_context("zembrzyce"):
        delivery = WebhookDelivery.objects.get(client=client, object_id=request.pk)
        status, retry_in = deliver(delivery.pk)
        assert status == "pending" and retry_in == 60
        status, retry_in = deliver(delivery.pk)
        assert status == "pending" and retry_in == 120
        assert deliver(delivery.pk) == ("delivered", None)
        delivery.refresh_from_db()
    assert delivery.attempts == 3
    assert [entry["status"] for entry in delivery.log] == [500, 503, 204]
    assert len({got["body"] for got in receiver.received}) == 1
    assert all(got["valid"] for got in receiver.received)
    assert delivery.next_attempt_at <= timezone.now() + timezone.timedelta(minutes=3)


def test_delivery_gives_up_after_the_last_attempt(towns, receiver):
    client = _client_for(receiver, ["access-requests"], ["access_request.filed"])
    receiver.answers = [500] * MAX_ATTEMPTS
    request = _file()
    with schema_context("zembrzyce"):
        delivery = WebhookDelivery.objects.get(client=client, object_id=request.pk)
        for _attempt in range(MAX_ATTEMPTS):
            status, _retry = deliver(delivery.pk)
        assert status == "failed"
        assert deliver(delivery.pk) == ("failed", None)
    assert len(receiver.received) == MAX_ATTEMPTS


def test_webhooks_go_only_to_clients_that_want_them_and_may_see_them(towns, receiver):
    wants = _client_for(receiver, ["access-requests"], ["access_request.filed"])
    other_event = _client_for(receiver, ["access-requests"], ["access_request.decided"])
    no_scope = _client_for(receiver, ["finance"], ["access_request.filed"])
    revoked = _client_for(receiver, ["access-requests"], ["access_request.filed"])
    with schema_context("zembrzyce"):
        revoked.revoke()
    request = _file()
    with schema_context("zembrzyce"):
        clients = set(
            WebhookDelivery.objects.filter(
                object_id=request.pk, event="access_request.filed"
            ).values_list("client_id", flat=True)
        )
    assert wants.pk in clients
    assert not clients & {other_event.pk, no_scope.pk, revoked.pk}


def test_a_zembrzyce_request_is_not_told_to_glogow_clients(towns, receiver):
    client, _key = api_client(
        "glogow",
        ["access-requests"],
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        webhook_events=["access_request.filed"],
    )
    _file("zembrzyce")
    with schema_context("glogow"):
        assert not WebhookDelivery.objects.filter(client=client).exists()
