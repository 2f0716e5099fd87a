"""The office's work during the soak: a notification with an e-mail every second for the
given resident, each queuing its delivery through the outbox, in a process of its own on
the soak's database (``DATABASE_URL``), printing the id of each one committed.

While the database is restarting a write fails and is tried again after a moment, as the
office's own work would be: what was not committed was not done, and what was committed
must all be e-mailed.

``python -m tests.perf.soak_writer <schema> <user id> <seconds>``
"""

from __future__ import annotations

import sys
import time

import django


def main(schema: str, user_id: int, seconds: float) -> None:
    django.setup()
    from django.db import DatabaseError, connection, transaction
    from django_tenants.utils import schema_context

    from eurzad.core import outbox
    from eurzad.notifications.models import Notification

    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            with schema_context(schema), transaction.atomic():
                notification = Notification.objects.create(
                    recipient_id=user_id, subject="Soak", body="Soak", email_to="jan@example.org"
                )
                outbox.enqueue("eurzad.notifications.tasks.deliver_emails", countdown=0.05)
        except DatabaseError:
            connection.close()
            time.sleep(0.5)
            continue
        print(notification.pk, flush=True)
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
