"""The Celery app. Tasks carry the schema of the town they were sent from
(tenant-schemas-celery), so a task never runs against another town's data."""

from __future__ import annotations

import os

from celery.schedules import crontab
from tenant_schemas_celery.app import CeleryApp

from eurzad.core import worker_metrics

# Environment-only values, read without configuring Django (this module is imported by
# the eurzad package itself, before settings are).
from eurzad.settings.base import (
    CHANNELS_POLL_SECONDS,
    FINANCE_REMINDERS_HOUR,
    OUTBOX_RELAY_SECONDS,
    PAYMENT_RECONCILE_SECONDS,
    TENANT_POOL_REFILL_SECONDS,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eurzad.settings.dev")

app = CeleryApp("eurzad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# /metrics of the worker (task failures, deliveries) when WORKER_METRICS_PORT is set.
worker_metrics.connect()

app.conf.beat_schedule = {
    # Tasks whose hand-over failed when their change was committed (Redis down), and
    # tasks that have become due (eurzad.core.outbox).
    "relay-outbox": {
        "task": "core.relay_outbox",
        "schedule": OUTBOX_RELAY_SECONDS,
    },
    # Keep POOL_SIZE pre-migrated spare schemas ready, so onboarding takes < 1 s.
    "refill-spare-schema-pool": {
        "task": "tenants.refill_spare_pool",
        "schedule": TENANT_POOL_REFILL_SECONDS,
    },
    "publish-scheduled-pages": {
        "task": "cms.tasks.publish_scheduled_pages_in_all_towns",
        "schedule": crontab(minute="*"),
    },
    # The safety net of e-mail and push delivery (each notification queues its own).
    "deliver-notifications": {
        "task": "eurzad.notifications.tasks.deliver_emails_in_all_towns",
        "schedule": crontab(minute="*/5"),
    },
    # Webhooks to the towns' back-office systems whose retry task was lost.
    "deliver-due-webhooks": {
        "task": "api.deliver_due_webhooks_in_all_towns",
        "schedule": crontab(minute="*"),
    },
    # Alerts whose scheduled push fan-out task was lost.
    "broadcast-due-alerts": {
        "task": "push.broadcast_due_alerts_in_all_towns",
        "schedule": crontab(minute="*/5"),
    },
    "poll-channels-intake": {
        "task": "channels.poll_intake_in_all_towns",
        "schedule": CHANNELS_POLL_SECONDS,
    },
    # Delivery evidence of the office's letters sent through e-Doręczenia or ePUAP.
    "check-letter-deliveries": {
        "task": "cases.check_letter_deliveries_in_all_towns",
        "schedule": CHANNELS_POLL_SECONDS,
    },
    "reconcile-online-payments": {
        "task": "gateways.reconcile_payments_in_all_towns",
        "schedule": PAYMENT_RECONCILE_SECONDS,
    },
    "send-installment-reminders": {
        "task": "eurzad.finance.tasks.send_installment_reminders_in_all_towns",
        "schedule": crontab(hour=FINANCE_REMINDERS_HOUR, minute=0),
    },
    # Unfinished applications past the town's setting (EServiceSettings.draft_days).
    "expire-application-drafts": {
        "task": "eurzad.eservices.tasks.expire_drafts_in_all_towns",
        "schedule": crontab(hour=3, minute=10),
    },
    # At night, when nobody is looking at the registers.
    "purge-expired-register-entries": {
        "task": "eurzad.registers.tasks.purge_expired_entries_in_all_towns",
        "schedule": crontab(hour=3, minute=30),
    },
}
