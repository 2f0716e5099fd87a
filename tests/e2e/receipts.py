"""An access request with a real UPO (a UPP signed with the town's system key), committed
for the browser tests and removed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django_tenants.utils import schema_context

from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from eurzad.identity.models import AccessRequest
from tests.channels.receipts import town_upp


@contextmanager
def access_request_with_upo(schema: str, pesel: str) -> Iterator[AccessRequest]:
    with schema_context(schema):
        upo = town_upp(recipient=schema, sender="Jan Kowalski", document_id="e2e-wniosek-1")
        filed = file_access_request(
            Applicant("Jan", "Kowalski", pesel, date(1944, 5, 14), "epuap: profil zaufany"),
            Contact(email="jan@example.pl"),
            channel="epuap",
            channel_message_id="e2e-wniosek-1",
            upo=upo,
        )
    try:
        yield filed
    finally:
        with schema_context(schema):
            AccessRequest.objects.filter(pk=filed.pk).delete()
