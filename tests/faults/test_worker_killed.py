"""A Celery worker killed in the middle of a task (SIGKILL, an OOM kill): the task is run
again by the next worker, and what it does happens once."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from django_tenants.utils import schema_context

from eurzad.core import outbox
from eurzad.finance.gateways.models import GatewayNotification
from eurzad.finance.gateways.services import receive_notification
from tests.conftest import celery_worker
from tests.faults import slow_tasks
from tests.faults.conftest import relay as _relay
from tests.faults.conftest import wait_for as _wait_for
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    payments_server_fixture,
    world_fixture,
)
from tests.finance.test_gateways_flow import (
    _signed_notification,
    installment,
    intent_of,
    pay_through_simulator,
    payments,
)

pytestmark = pytest.mark.slow

#: Redis gives a task its worker never acknowledged to another after this long.
VISIBILITY_SECONDS = 3
WORKER = {
    "FAULTS_TASK_SECONDS": "4",
    "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
    "CELERY_RESTORE_UNACKED_SECONDS": "1",
}
WORKER_ARGS = ("--pool", "solo", "-I", "tests.faults.slow_tasks")


def _starts(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


def test_a_worker_killed_while_booking_a_payment_loses_nothing_and_books_once(
    payments_server, world, redis_process, tmp_path
):
    """The workers and the relay use a Redis of the test's own as their broker: nothing
    another test left queued runs here."""
    worker_env = {**WORKER, "REDIS_URL": redis_process.url}
    debtor = world.debtor("zembrzyce", ("64.00",))
    pay_through_simulator(payments_server, debtor, "delayed")
    body = _signed_notification(debtor, payments_server)
    with schema_context("zembrzyce"):
        stored = receive_notification(
            "przelewy24", body, {"Content-Type": "application/json"}
        )  # committed; not processed yet
    log = tmp_path / "started.log"

    with schema_context("zembrzyce"):  # due in a moment: handed over by the relay below
        outbox.enqueue(
            slow_tasks.process_notification_after_a_pause, stored.pk, str(log), countdown=0.5
        )
    time.sleep(0.6)
    _relay(worker_env)
    with celery_worker(*WORKER_ARGS, env=worker_env) as first:
        _wait_for(lambda: len(_starts(log)) == 1, 60, "the first worker to start the task")
        first.kill()  # SIGKILL in the middle of the task
        first.wait(timeout=10)
    with schema_context("zembrzyce"):
        assert GatewayNotification.objects.get(pk=stored.pk).processed_at is None
    assert payments(debtor) == 0

    with celery_worker(*WORKER_ARGS, env=worker_env):
        _wait_for(lambda: payments(debtor) == 1, 90, "the next worker to run the task again")
        time.sleep(VISIBILITY_SECONDS + 1)  # long enough for a third run, were there one

    starts = _starts(log)
    assert len(starts) == 2 and starts[0] != starts[1], starts  # run by two processes
    assert payments(debtor) == 1
    assert installment(debtor).paid == Decimal("64.00")
    assert intent_of(debtor).status == "succeeded"
    with schema_context("zembrzyce"):
        assert GatewayNotification.objects.get(pk=stored.pk).processed_at is not None


def test_a_worker_killed_during_an_alert_fan_out_reaches_every_subscription_once(
    committed_db, redis_process, tmp_path
):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cms.models import Alert, AlertBroadcast
    from eurzad.core.models import OutboxTask
    from eurzad.notifications.push.models import PushDelivery, PushSubscription
    from eurzad.notifications.push.services import subscribe_browser
    from tests.push.conftest import Browser, resident

    worker_env = {**WORKER, "REDIS_URL": redis_process.url, "PUSH_ALERT_BATCH_SIZE": "2"}
    people = [resident("zembrzyce") for _ in range(5)]
    with schema_context("zembrzyce"):
        for person in people:  # nobody listens at this address: deliveries just fail
            browser = Browser.on("http://zembrzyce.localhost:9")
            subscribe_browser(person, endpoint=browser.endpoint, **browser.keys)
        live = PushSubscription.objects.live().count()
        # Starts tomorrow: nothing is pushed by saving it; the test starts the fan-out.
        alert = Alert.objects.create(
            title="Próba rozesłania",
            message="Ostrzeżenie testowe.",
            severity="danger",
            valid_from=timezone.now() + timedelta(days=1),
            valid_until=timezone.now() + timedelta(days=2),
        )
        broadcast = AlertBroadcast.objects.create(alert=alert)
    log = tmp_path / "started.log"
    try:
        with schema_context("zembrzyce"):
            outbox.enqueue(
                slow_tasks.fan_out_alert_after_a_pause, broadcast.pk, str(log), countdown=0.5
            )
        time.sleep(0.6)
        _relay(worker_env)
        with celery_worker(*WORKER_ARGS, env=worker_env) as first:
            _wait_for(lambda: len(_starts(log)) == 1, 60, "the first worker to start the fan-out")
            first.kill()
            first.wait(timeout=10)
        with celery_worker(*WORKER_ARGS, env=worker_env):

            def finished() -> bool:
                with schema_context("zembrzyce"):
                    return AlertBroadcast.objects.get(pk=broadcast.pk).finished_at is not None

            _wait_for(finished, 90, "the next worker to finish the fan-out")
        with schema_context("zembrzyce"):
            deliveries = PushDelivery.objects.filter(key=f"alert-{alert.pk}")
            targets = list(deliveries.values_list("subscription_id", flat=True))
            assert len(targets) == len(set(targets)) == live >= 5  # each device once
            assert AlertBroadcast.objects.get(pk=broadcast.pk).queued == live
        assert len(_starts(log)) == 2
    finally:
        with schema_context("zembrzyce"):
            PushDelivery.objects.filter(key=f"alert-{alert.pk}").delete()
            OutboxTask.objects.filter(schema_name="zembrzyce").delete()
            alert.delete()
            for person in people:
                PushSubscription.objects.filter(resident=person).delete()
                user, party = person.user, person.party
                person.delete()
                get_user_model().objects.filter(pk=user.pk).delete()
                party.delete()
