"""An access request with a real UPO (a UPP signed with the town's system key), committed
for the browser tests and removed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.channels.models import ChannelConfig
from eurzad.channels.upo import Receipt, issue_upp
from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from eurzad.identity.models import AccessRequest


@contextmanager
def access_request_with_upo(schema: str, pesel: str) -> Iterator[AccessRequest]:
    with schema_context(schema):
        config = ChannelConfig.objects.get(kind="epuap")
        _id, upo = issue_upp(
            Receipt(
                recipient_name=schema,
                recipient_address=f"/{schema}/SkrytkaESP",
                sender_name="Jan Kowalski",
                sender_address="jan.kowalski",
                document_id="e2e-wniosek-1",
                document=b"<Wniosek/>",
                delivered_at=timezone.now(),
            ),
            config.system_private_key,
            config.system_certificate,
        )
        filed = file_access_request(
            Applicant("Jan", "Kowalski", pesel, date(1944, 5, 14), "epuap: profil zaufany"),
            Contact(email="jan@example.pl"),
            channel="epuap",
            channel_message_id="e2e-wniosek-1",
            upo=upo.decode("utf-8"),
        )
    try:
        yield filed
    finally:
        with schema_context(schema):
            AccessRequest.objects.filter(pk=filed.pk).delete()
