"""``manage.py relay_outbox [--every SECONDS]``: hand the outbox's due tasks to Celery
once, or every few seconds until stopped (an operator after a long Redis outage, or a
deployment that runs the relay beside Celery beat)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connection

from eurzad.core import outbox


class Command(BaseCommand):
    help = "Przekaż do kolejki zaległe zadania ze skrzynki nadawczej."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="powtarzaj co tyle sekund (0: raz)"
        )

    def handle(self, *args: Any, every: float = 0, **options: Any) -> None:
        while True:
            try:
                sent = outbox.relay_due()
                waiting = outbox.pending_count()
            except DatabaseError as error:  # the database restarting: try again next round
                if not every:
                    raise
                self.stderr.write(f"baza danych niedostępna: {error}")
                close_old_connections()
                connection.close()
            else:
                self.stdout.write(f"przekazano: {sent}, czeka: {waiting}")
            if not every:
                return
            time.sleep(every)
