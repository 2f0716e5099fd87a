from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from eurzad.core.configuration_doc import render

DOC = Path(settings.BASE_DIR) / "docs" / "operators" / "configuration.md"


class Command(BaseCommand):
    help = "Zapisuje docs/operators/configuration.md: wszystkie zmienne środowiskowe."

    def handle(self, *args: object, **options: object) -> None:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(render(), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Zapisano {DOC}"))
