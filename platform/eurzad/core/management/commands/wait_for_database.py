"""``manage.py wait_for_database [--seconds N]``: wait until the database accepts
connections (the migration Job of a fresh install, while the database the chart created is
still starting). Exits 1 when it does not within N seconds."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError, connection


class Command(BaseCommand):
    help = "Czekaj, aż baza danych przyjmie połączenie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=float, default=600, help="najdłużej tyle sekund")

    def handle(self, *args: Any, seconds: float = 600, **options: Any) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                connection.ensure_connection()
            except OperationalError as error:
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"Baza danych nie odpowiada po {seconds:.0f} s: {error}"
                    ) from None
                connection.close()
                time.sleep(2)
                continue
            self.stdout.write("Baza danych odpowiada.")
            return
