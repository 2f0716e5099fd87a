"""Deliver the Przelewy24 simulator's held-back ("late") notifications now."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eurzad.finance.gateways.simulator.przelewy24.delivery import deliver_pending


class Command(BaseCommand):
    help = "Send the Przelewy24 simulator's held-back notifications (SIMULATORS_ENABLED only)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.SIMULATORS_ENABLED:
            raise CommandError("SIMULATORS_ENABLED is off: there is no simulator here.")
        self.stdout.write(f"sent: {deliver_pending()}")
