"""The town's API clients from the command line.

    manage.py api_client --town glogow create --name "System podatkowy" \
        --scopes finance,parties --ip 10.0.0.0/8 [--ip 192.0.2.7] [--source import]
    manage.py api_client --town glogow list
    manage.py api_client --town glogow revoke <prefix>
    manage.py api_client --town glogow rotate <prefix>

``create`` and ``rotate`` print the key once; it is not stored and cannot be shown again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from api.integration.clients import create_client, revoke_client, rotate_key
from api.models import ApiClient, Scope
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Klienci API integracji gminy: create, list, revoke, rotate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", required=True, help="Schemat gminy, np. glogow.")
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Nowy klient; klucz wypisany raz.")
        create.add_argument("--name", required=True)
        create.add_argument(
            "--scopes", required=True, help=f"Po przecinku: {', '.join(Scope.values)}."
        )
        create.add_argument(
            "--ip",
            action="append",
            default=[],
            help="Dozwolony adres lub sieć CIDR (można powtórzyć).",
        )
        create.add_argument(
            "--source", default="import", help="Źródło danych (jak --source importu CSV)."
        )
        create.add_argument("--webhook-url", default="")
        create.add_argument("--webhook-secret", default="")
        create.add_argument("--webhook-events", default="", help="Po przecinku.")
        actions.add_parser("list", help="Klienci gminy (bez kluczy).")
        for name in ("revoke", "rotate"):
            sub = actions.add_parser(name, help=f"{name} – po prefiksie klucza.")
            sub.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        town = options["town"]
        if town == "public" or not Municipality.objects.filter(schema_name=town).exists():
            raise CommandError(f"Nie ma gminy (no town) {town!r}.")
        with schema_context(town):
            getattr(self, "do_" + options["action"])(options)

    def do_create(self, options: dict[str, Any]) -> None:
        split = lambda text: [part.strip() for part in text.split(",") if part.strip()]  # noqa: E731
        try:
            client, key = create_client(
                options["name"],
                split(options["scopes"]),
                allowed_ips=options["ip"],
                source=options["source"],
                webhook_url=options["webhook_url"],
                webhook_secret=options["webhook_secret"],
                webhook_events=split(options["webhook_events"]),
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Utworzono klienta {client.name} (prefiks {client.key_prefix}).")
        self.stdout.write("Klucz API – zapisz go teraz, nie da się go wyświetlić ponownie:")
        self.stdout.write(key)

    def do_list(self, options: dict[str, Any]) -> None:
        for client in ApiClient.objects.order_by("name", "pk"):
            state = f"unieważniony {client.revoked_at:%Y-%m-%d}" if client.revoked_at else "aktywny"
            used = f"{client.last_used_at:%Y-%m-%d %H:%M}" if client.last_used_at else "-"
            self.stdout.write(
                f"{client.key_prefix}\t{client.name}\t{','.join(client.scopes)}\t"
                f"{','.join(client.allowed_ips) or '*'}\t{state}\tużyty {used}"
            )

    def _client(self, prefix: str) -> ApiClient:
        client = ApiClient.objects.filter(key_prefix=prefix).first()
        if client is None:
            raise CommandError(f"Nie ma klienta o prefiksie {prefix!r}.")
        return client

    def do_revoke(self, options: dict[str, Any]) -> None:
        client = self._client(options["prefix"])
        revoke_client(client)
        self.stdout.write(f"Unieważniono klucz klienta {client.name}.")

    def do_rotate(self, options: dict[str, Any]) -> None:
        client = self._client(options["prefix"])
        if client.is_revoked:
            raise CommandError("Klient jest unieważniony.")
        key = rotate_key(client)
        self.stdout.write("Nowy klucz API – zapisz go teraz, nie da się go wyświetlić ponownie:")
        self.stdout.write(key)
