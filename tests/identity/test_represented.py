"""The person someone acts for is told: in the portal when they have an account, by
e-mail at the office's address when they have none; never in another town."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.identity.models import Representation, Resident
from eurzad.notifications.models import Notification
from eurzad.parties.models import Party
from tests.conftest import ZEMBRZYCE_HOST, host_client

pytestmark = pytest.mark.django_db


def _resident(schema: str, first_name: str, pesel: str) -> Resident:
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"{schema}-{first_name}-{pesel}")
        party = Party.objects.create(
            kind=Party.Kind.NATURAL, first_name=first_name, last_name="Kowalski", pesel=pesel
        )
        return Resident.objects.create(user=user, party=party)


def _grant(schema: str, resident: Resident, party: Party, **fields) -> Representation:
    with schema_context(schema):
        return Representation.objects.create(
            resident=resident, party=party, valid_from=timezone.localdate(), **fields
        )


def test_a_mandate_is_told_to_the_represented_residents_portal(towns):
    jan = _resident("zembrzyce", "Jan", "61030112344")
    anna = _resident("zembrzyce", "Anna", "93070912346")
    twin = _resident("glogow", "Jan", "61030112344")  # the same person in another town
    until = timezone.localdate() + timedelta(days=365)
    _grant("zembrzyce", anna, jan.party, scope="pay", valid_until=until)
    with schema_context("zembrzyce"):
        (told,) = Notification.objects.filter(recipient=jan.user)
        assert told.reason == "mandate_granted"
        assert told.subject == "Anna Kowalski może działać w Twoim imieniu"
        assert "wgląd i płatności" in told.body and until.strftime("%d.%m.%Y") in told.body
        assert not Notification.objects.filter(recipient=anna.user).exists()
    with schema_context("glogow"):
        assert not Notification.objects.filter(recipient=twin.user).exists()
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        client.force_login(jan.user)
    inbox = client.get("/konto/powiadomienia/").content.decode()
    assert "Anna Kowalski może działać w Twoim imieniu" in inbox


def test_acting_for_someone_tells_them_once_a_day(towns):
    jan = _resident("zembrzyce", "Jan", "61030112344")
    anna = _resident("zembrzyce", "Anna", "93070912346")
    _grant("zembrzyce", anna, jan.party)
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        client.force_login(anna.user)
    for _ in range(3):
        assert client.post("/konto/dzialaj-jako/", {"party": jan.party.pk}).status_code == 302
    client.post("/konto/dzialaj-jako/", {"party": anna.party.pk})  # back to herself
    with schema_context("zembrzyce"):
        acted = Notification.objects.filter(recipient=jan.user, reason="acted_for")
        assert acted.count() == 1
        assert acted.get().subject == "Anna Kowalski przegląda Twoje dane"
        assert not Notification.objects.filter(recipient=anna.user).exists()


def test_a_person_without_an_account_or_address_is_not_told_and_nothing_fails(towns):
    anna = _resident("zembrzyce", "Anna", "93070912346")
    with schema_context("zembrzyce"):
        firm = Party.objects.create(kind=Party.Kind.LEGAL, name="Sklep Jana", nip="")
    _grant("zembrzyce", anna, firm)
    with schema_context("zembrzyce"):
        assert not Notification.objects.filter(party=firm).exists()
