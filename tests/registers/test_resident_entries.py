"""Moje wpisy w rejestrach (/konto/rejestry/): the acting Party's entries only — the
resident's own, or those of a Party they represent while acting for it."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from eurzad.registers.defaults import PROPERTY_LEASES
from eurzad.registers.models import RegisterDefinition, RegisterEntry
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance import factories as f

pytestmark = pytest.mark.django_db

OWN_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
FIRM_NIP = "9471682535"


def _lease(schema: str, party, number: str, tenant: str) -> RegisterEntry:
    with schema_context(schema):
        leases = RegisterDefinition.objects.get(slug=PROPERTY_LEASES)
        return RegisterEntry.objects.create(
            definition=leases,
            number=number,
            party=party,
            values=leases.clean_values(
                {"kind": "najem", "parcel": number, "tenant": tenant, "rent": "1234"}
            ),
            source="test",
            external_id=number,
        )


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL, city="Zembrzyce"))


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


def test_anonymous_visitor_is_sent_to_login(zembrzyce):
    response = zembrzyce.get("/konto/rejestry/")
    assert response.status_code == 302 and "/logowanie/" in response["Location"]


def test_resident_sees_own_entries_with_all_their_fields(anna, client):
    _lease("zembrzyce", anna.party, "OWN/1", "Anna Nowak")
    other = f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Lis")
    _lease("zembrzyce", other, "OTHER/1", "Ewa Lis")
    response = client.get("/konto/rejestry/")
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "OWN/1" in html and "1234" in html  # the Party's own data, rent included
    assert "OTHER/1" not in html and "Ewa Lis" not in html


def test_acting_for_a_represented_firm_shows_the_firms_entries_only(anna, client):
    _lease("zembrzyce", anna.party, "OWN/2", "Anna Nowak")
    firm = f.party("zembrzyce", kind="legal", name="Tartak Beskid", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm)
    _lease("zembrzyce", firm, "FIRM/1", "Tartak Beskid")
    assert "FIRM/1" not in client.get("/konto/rejestry/").content.decode()
    client.post("/konto/dzialaj-jako/", {"party": firm.pk, "next": "/konto/rejestry/"})
    html = client.get("/konto/rejestry/").content.decode()
    assert "FIRM/1" in html and "OWN/2" not in html


def test_a_party_of_another_town_with_the_same_pesel_is_not_mixed_in(anna, client):
    glogow_party = f.party("glogow", pesel=OWN_PESEL, city="Głogów")
    _lease("glogow", glogow_party, "GLOGOW/1", "Anna z Głogowa")
    _lease("zembrzyce", anna.party, "ZEMB/1", "Anna Nowak")
    html = client.get("/konto/rejestry/").content.decode()
    assert "ZEMB/1" in html and "GLOGOW/1" not in html
    # The Zembrzyce session is worthless on Głogów's host.
    from tests.conftest import host_client

    stolen = host_client(GLOGOW_HOST)
    stolen.cookies["sessionid"] = client.cookies["sessionid"].value
    assert stolen.get("/konto/rejestry/").status_code == 302
