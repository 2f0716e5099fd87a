"""Onboard a town: ``manage.py create_municipality --name Zembrzyce --teryt 1215092
--domain zembrzyce.example.pl``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.services import MunicipalityRequest, create_municipality
from themes.presets import PRESETS


class Command(BaseCommand):
    help = "Tworzy e-Urząd nowej gminy: schemat, domenę, stronę główną i wygląd."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="Nazwa, np. Zembrzyce")
        parser.add_argument("--official-name", default="", help="Np. Gmina Zembrzyce")
        parser.add_argument("--teryt", required=True, help="7-cyfrowy kod TERYT gminy")
        parser.add_argument("--domain", required=True, help="Host, np. zembrzyce.eurzad.pl")
        parser.add_argument("--schema", default="", help="Nazwa schematu (domyślnie z nazwy)")
        parser.add_argument(
            "--theme", default="", choices=["", *PRESETS], help="Układ strony (preset)"
        )

    def handle(self, *args: object, **options: str) -> None:
        request = MunicipalityRequest(
            name=options["name"],
            official_name=options["official_name"],
            teryt=options["teryt"],
            domain=options["domain"],
            schema_name=options["schema"],
            theme_preset=options["theme"],
        )
        try:
            municipality = create_municipality(request)
        except ValidationError as exc:
            lines = [
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            ]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Utworzono {municipality} (schemat {municipality.schema_name}, "
                f"http://{request.domain.strip().lower()}/)"
            )
        )
