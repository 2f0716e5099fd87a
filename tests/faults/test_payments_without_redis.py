"""A payment notification arriving while Redis is hung: the town books it once (the
database is all booking needs), and what it queues for later — the resident's e-mail —
waits in the outbox and goes out once Redis is back.

The town runs in a gunicorn on a Redis of the test's own; the gateway simulator runs in
another, on the suite's Redis, as a real gateway would keep running."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.core.models import OutboxTask
from eurzad.notifications.models import Notification
from tests.conftest import celery_worker
from tests.e2e.conftest import TownServer, serving_test_database
from tests.faults.conftest import relay as _relay
from tests.faults.conftest import wait_for as _wait_for
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    payments_server_fixture,
    world_fixture,
)
from tests.finance.test_gateways_flow import (
    ZEMBRZYCE,
    _post_notification,
    _signed_notification,
    installment,
    intent_of,
    pay_through_simulator,
    payments,
    town,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def town_env(redis_process) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "REDIS_URL": redis_process.url,
        "REDIS_TIMEOUT_MS": "250",
        "REDIS_BREAKER_OPEN_SECONDS": "1",
    }


@pytest.fixture(scope="module")
def town_server(payments_server, town_env, tmp_path_factory) -> Iterator[TownServer]:  # type: ignore[no-untyped-def]
    log = tmp_path_factory.mktemp("town-on-faulty-redis") / "gunicorn.log"
    with serving_test_database(log, env=town_env) as server:
        yield server


def test_a_notification_while_redis_is_hung_is_booked_once_and_the_email_follows_after(
    payments_server, town_server, town_env, redis_process, world
):
    debtor = world.debtor("zembrzyce", ("72.00",))
    client, back = pay_through_simulator(town_server, debtor, "delayed")
    assert "Czekamy na potwierdzenie" in back.text
    body = _signed_notification(debtor, payments_server)
    started = timezone.now()

    redis_process.pause()
    try:
        first = _post_notification(client, town_server, ZEMBRZYCE, body)
        assert first.status_code == 200 and first.text == "OK", town_server.log_tail()
        again = _post_notification(client, town_server, ZEMBRZYCE, body)  # the gateway repeats
        assert again.status_code == 200
        assert payments(debtor) == 1
        assert installment(debtor).paid == Decimal("72.00")
        assert intent_of(debtor).status == "succeeded"
        page = client.get(town(town_server, ZEMBRZYCE, "/konto/zobowiazania/"))
        assert page.status_code == 200  # the resident's pages answer meanwhile
        with schema_context("zembrzyce"):
            told = Notification.objects.filter(recipient=debtor.resident.user).latest("pk")
            assert told.email_to and told.emailed_at is None
            waiting = OutboxTask.objects.filter(
                schema_name="zembrzyce", created_at__gte=started, sent_at__isnull=True
            )
            assert waiting.filter(task__endswith="deliver_emails").exists()
    finally:
        redis_process.resume()

    time.sleep(1.2)  # the town's breaker tries Redis again
    _relay(town_env)
    with celery_worker("--pool", "solo", env=town_env):

        def emailed() -> bool:
            with schema_context("zembrzyce"):
                return Notification.objects.get(pk=told.pk).emailed_at is not None

        _wait_for(emailed, 60, "the e-mail queued during the outage")
    with schema_context("zembrzyce"):
        assert not OutboxTask.objects.filter(
            schema_name="zembrzyce", created_at__gte=started, sent_at__isnull=True
        ).exists()
    assert payments(debtor) == 1
