from django.core.management.base import BaseCommand

from eurzad.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Tworzy lub odświeża gminy demonstracyjne: Zembrzyce i Głogów (idempotentne)."

    def handle(self, *args: object, **options: object) -> None:
        for town in seed_demo():
            self.stdout.write(self.style.SUCCESS(f"{town.official_name}: http://{town.host}/"))
            for staff in town.staff:
                self.stdout.write(f"  {staff.username} / {staff.password} ({staff.role})")
