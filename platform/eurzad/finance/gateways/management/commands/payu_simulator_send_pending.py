"""Send the PayU simulator's held-back notifications, and again those the shop refused."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eurzad.finance.gateways.simulator.payu.delivery import deliver_pending


class Command(BaseCommand):
    help = (
        "Send the PayU simulator's held-back notifications and repeat the ones not answered "
        "with HTTP 200, as PayU does (SIMULATORS_ENABLED only)."
    )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.SIMULATORS_ENABLED:
            raise CommandError("SIMULATORS_ENABLED is off: there is no simulator here.")
        self.stdout.write(f"accepted: {deliver_pending()}")
