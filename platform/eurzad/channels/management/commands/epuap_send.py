"""Put a signed form into a town's mailbox on the local ePUAP / e-Doręczenia simulator,
as a test person would send it with Profil Zaufany.

    manage.py epuap_send --town zembrzyce --form access-request --person 44051401359 \
        --authorise 85121612343:"Maria Wiśniewska":pay:2027-12-31 --attach skan.pdf
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from eurzad.channels.documents import Attachment, Authorisation, ChannelKind
from eurzad.channels.simulator.compose import (
    Letter,
    build_document,
    person_by_pesel,
    send_to_town,
    sign_as_profil_zaufany,
)
from tenants.models import Municipality


def _authorisation(text: str) -> Authorisation:
    """``ID:name[:view|pay[:YYYY-MM-DD]]`` where ID is a PESEL (11 digits) or a NIP."""
    parts = text.split(":")
    if len(parts) < 2:
        raise CommandError("--authorise: ID:nazwa[:view|pay[:RRRR-MM-DD]]")
    identifier, name = parts[0].replace("-", ""), parts[1]
    scope = Authorisation.Scope(parts[2]) if len(parts) > 2 and parts[2] else "view"
    until = dt.date.fromisoformat(parts[3]) if len(parts) > 3 and parts[3] else None
    is_pesel = len(identifier) == 11
    return Authorisation(
        pesel=identifier if is_pesel else "",
        nip="" if is_pesel else identifier,
        name=name,
        scope=Authorisation.Scope(scope),
        valid_until=until,
    )


class Command(BaseCommand):
    help = "Nadaj podpisany formularz do skrytki urzędu w symulatorze ePUAP / e-Doręczeń."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", required=True, help="Schemat gminy, np. zembrzyce.")
        parser.add_argument(
            "--form", choices=["access-request", "general-letter"], default="access-request"
        )
        parser.add_argument("--person", required=True, help="PESEL osoby testowej symulatora.")
        parser.add_argument(
            "--channel", choices=[k.value for k in ChannelKind], default=ChannelKind.EPUAP.value
        )
        parser.add_argument("--title", default="Pismo", help="Tytuł pisma ogólnego.")
        parser.add_argument("--text", default="", help="Treść pisma.")
        parser.add_argument("--email", default="", help="E-mail nadawcy do odpowiedzi.")
        parser.add_argument(
            "--authorise",
            action="append",
            default=[],
            metavar="ID:NAZWA[:view|pay[:RRRR-MM-DD]]",
            help="Upoważnienie do reprezentowania osoby (PESEL) lub firmy (NIP); powtarzalne.",
        )
        parser.add_argument("--attach", action="append", default=[], help="Plik załącznika.")

    def handle(self, *args, **options) -> None:
        if not settings.SIMULATORS_ENABLED:
            raise CommandError(
                "Symulatory są wyłączone (simulators are disabled: SIMULATORS_ENABLED)."
            )
        if not Municipality.objects.filter(schema_name=options["town"]).exists():
            raise CommandError(f"Nie ma gminy (no town) {options['town']!r}.")
        try:
            person = person_by_pesel(options["person"])
        except LookupError as error:
            raise CommandError(str(error)) from None
        attachments = []
        for name in options["attach"]:
            path = Path(name)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            attachments.append(Attachment(path.name, content_type, path.read_bytes()))
        access_request = options["form"] == "access-request"
        letter = Letter(
            title=options["title"],
            text=options["text"],
            recipient_name=Municipality.objects.get(schema_name=options["town"]).official_name,
            authorisations=tuple(_authorisation(a) for a in options["authorise"]),
            attachments=tuple(attachments),
            access_request=access_request,
            email=options["email"],
        )
        document = sign_as_profil_zaufany(build_document(person, letter), person)
        message = send_to_town(
            options["town"],
            document,
            sender=person,
            subject="Wniosek o rejestrację konta" if access_request else options["title"],
            channel=ChannelKind(options["channel"]),
        )
        self.stdout.write(
            f"Nadano {message.message_id} do {message.mailbox} (UPO {message.upo_id})."
        )
