"""Tasks of the fault tests only (a worker imports them with ``-I tests.faults.slow_tasks``):
the platform's own work, preceded by a pause long enough to kill the worker mid-task."""

from __future__ import annotations

import os
import time
from pathlib import Path

from eurzad.celery import app
from eurzad.finance.gateways.services import process_notification


@app.task(name="faults.process_notification_after_a_pause", acks_late=True)
def process_notification_after_a_pause(notification_id: int, started_log: str) -> str:
    """Note that the task started (and in which process), wait, then process the payment
    notification as the platform's own task does."""
    with Path(started_log).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(float(os.environ.get("FAULTS_TASK_SECONDS", "4")))
    return process_notification(notification_id)


@app.task(name="faults.fan_out_alert_after_a_pause", acks_late=True)
def fan_out_alert_after_a_pause(broadcast_id: int, started_log: str) -> bool:
    """Note the start, wait, then run the alert's push fan-out as its own task does (it
    queues the next batch itself)."""
    from cms.alert_push import fan_out_alert

    with Path(started_log).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(float(os.environ.get("FAULTS_TASK_SECONDS", "4")))
    return fan_out_alert(broadcast_id)
