"""The audit log: append-only, per town, never holding personal identifiers."""

import pytest
from django.test import RequestFactory
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.parties.models import Party


def test_event_records_who_when_how_and_from_where(towns):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    with schema_context("zembrzyce"):
        party = Party.objects.create(kind="natural", first_name="Jan", last_name="Kowal")
        event = record("login", request=request, party=party, method="login.gov.pl")
        assert (event.ip_address, event.method, event.party) == (
            "192.0.2.10",
            "login.gov.pl",
            party,
        )
        assert event.at is not None
    with schema_context("glogow"):  # other tests' logins come from 127.0.0.1
        assert not AuditEvent.objects.filter(ip_address="192.0.2.10").exists()


def test_identifiers_are_cut_out_of_details(towns):
    with schema_context("zembrzyce"):
        event = record("login_failed", reason="brak strony o PESEL 44051401359", nip="1234563218")
        assert "44051401359" not in str(event.details)
        assert "1234563218" not in str(event.details)


def test_events_cannot_be_changed(towns):
    with schema_context("zembrzyce"):
        event = record("logout")
        event.method = "zmienione"
        with pytest.raises(ValueError, match="append-only"):
            event.save()
