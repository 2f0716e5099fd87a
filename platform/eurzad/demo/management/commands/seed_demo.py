from django.core.management.base import BaseCommand

from eurzad.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Tworzy lub odświeża gminy demonstracyjne: Zembrzyce i Głogów (idempotentne)."

    def handle(self, *args: object, **options: object) -> None:
        for town in seed_demo():
            self.stdout.write(
                self.style.SUCCESS(
                    f"{town.official_name}: http://{town.host}/ — redaktor: "
                    f"{town.editor_username} / {town.editor_password}"
                )
            )
