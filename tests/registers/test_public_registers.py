"""Public registers (/rejestry/…) and the property search (/mienie/…): everyone may browse
and search them; only public fields are ever shown or searched; every list and detail
belongs to the host's town only."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from eurzad.registers.defaults import ALCOHOL_PERMITS, PROPERTY_LEASES
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry

pytestmark = pytest.mark.django_db

SECRET_NIP = "5260250274"


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def secret_permit(towns):
    """A Głogów permit whose non-public fields hold recognisable values."""
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        return RegisterEntry.objects.create(
            definition=permits,
            number="ZEZW/99/2026",
            values=permits.clean_values(
                {
                    "holder": "Winiarnia Tajemnicza",
                    "outlet_address": "ul. Jawna 1",
                    "outlet_kind": "sklep",
                    "category": "C (powyżej 18%)",
                    "nip": SECRET_NIP,
                    "fee_paid": True,
                    "sales_last_year": "987654",
                }
            ),
            source="test",
            external_id="secret-1",
        )


def test_the_shipped_registers_are_listed_in_both_towns(glogow, zembrzyce):
    for client in (glogow, zembrzyce):
        html = _html(client.get("/rejestry/"))
        assert "Rejestr zezwoleń na sprzedaż napojów alkoholowych" in html
        assert "Rejestr umów dzierżawy i najmu mienia gminy" in html


def test_register_page_never_shows_non_public_fields(glogow, secret_permit):
    html = _html(glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/"))
    assert "Winiarnia Tajemnicza" in html and "ZEZW/99/2026" in html
    assert SECRET_NIP not in html and "987654" not in html
    assert "Wartość sprzedaży" not in html and ">NIP<" not in html
    detail = _html(glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/ZEZW/99/2026/"))
    assert "ul. Jawna 1" in detail
    assert SECRET_NIP not in detail and "987654" not in detail
    assert "Opłata wniesiona" not in detail


def test_lease_register_hides_tenant_and_rent(glogow):
    html = _html(glogow.get(f"/rejestry/{PROPERTY_LEASES}/GN.6845.1.2024/"))
    assert "112/4" in html and "ogródek przydomowy" in html
    assert "Jan Kowalski" not in html and "Czynsz" not in html


def test_search_matches_public_fields_but_not_non_public_ones(glogow, secret_permit):
    found = _html(glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/", {"q": "tajemnicza"}))
    assert "ZEZW/99/2026" in found
    # Searching by a non-public value must not reveal which entry holds it.
    hidden = _html(glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/", {"q": SECRET_NIP}))
    assert "ZEZW/99/2026" not in hidden and "Brak wpisów" in hidden


def test_a_non_public_register_is_not_found(glogow, secret_permit):
    with schema_context("glogow"):
        RegisterDefinition.objects.filter(slug=ALCOHOL_PERMITS).update(is_public=False)
    assert "napojów alkoholowych" not in _html(glogow.get("/rejestry/"))
    assert glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/").status_code == 404
    assert glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/ZEZW/99/2026/").status_code == 404


def test_entries_and_properties_of_another_town_are_not_found(zembrzyce, glogow, secret_permit):
    assert zembrzyce.get(f"/rejestry/{ALCOHOL_PERMITS}/ZEZW/99/2026/").status_code == 404
    assert "ZEZW/1/2024" not in _html(zembrzyce.get(f"/rejestry/{ALCOHOL_PERMITS}/"))
    assert "ZEZW/1/2024" in _html(glogow.get(f"/rejestry/{ALCOHOL_PERMITS}/"))
    with schema_context("glogow"):
        glogow_property = Property.objects.create(
            parcel_number="999/9", precinct="Głogów 9", area_m2=100, external_id="iso-1"
        )
    with schema_context("zembrzyce"):
        zembrzyce_ids = set(Property.objects.values_list("pk", flat=True))
    assert _html(glogow.get(f"/mienie/{glogow_property.pk}/"))
    if glogow_property.pk not in zembrzyce_ids:
        assert zembrzyce.get(f"/mienie/{glogow_property.pk}/").status_code == 404
    assert ">999/9</a>" not in _html(zembrzyce.get("/mienie/", {"q": "999/9"}))
    assert "Głogów 9" not in _html(zembrzyce.get("/mienie/"))


def test_property_search_filters(glogow):
    with schema_context("glogow"):
        Property.objects.create(
            parcel_number="777/1",
            precinct="Testowo",
            area_m2=1500,
            offer="sale",
            address="ul. Szukana 5",
            external_id="f-1",
        )
        Property.objects.create(
            parcel_number="777/2", precinct="Testowo", area_m2=50, offer="lease", external_id="f-2"
        )
        Property.objects.create(parcel_number="777/3", precinct="Testowo", area_m2=1600,
                                offer="sale", published=False, external_id="f-3")  # fmt: skip
    html = _html(glogow.get("/mienie/", {"obreb": "Testowo", "oferta": "sale",
                                         "pow_od": "1000", "pow_do": "2000"}))  # fmt: skip
    assert "777/1" in html and "777/2" not in html and "777/3" not in html
    assert "777/1" in _html(glogow.get("/mienie/", {"q": "szukana"}))
    assert "777/2" in _html(glogow.get("/mienie/", {"pow_do": "60", "obreb": "Testowo"}))
    # Nonsense filter values are refused (400) and not applied; the page still shows the
    # form with what was typed and says what is wrong.
    wrong = glogow.get("/mienie/", {"pow_od": "abc", "oferta": "x", "strona": "zz",
                                    "obreb": "Testowo"})  # fmt: skip
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert 'id="query-errors"' in html and 'name="pow_od" value="abc"' in html
    assert "777/1" in html and "777/2" in html  # the valid filter (obręb) still applies


def test_property_detail_and_unpublished_property(glogow):
    with schema_context("glogow"):
        shown = Property.objects.create(parcel_number="1/1", precinct="Głogów 1", area_m2=10,
                                        land_register_number="LE1G/00000001/1",
                                        external_id="d-1")  # fmt: skip
        hidden = Property.objects.create(parcel_number="1/2", precinct="Głogów 1", area_m2=10,
                                         published=False, external_id="d-2")  # fmt: skip
    assert "LE1G/00000001/1" in _html(glogow.get(f"/mienie/{shown.pk}/"))
    assert glogow.get(f"/mienie/{hidden.pk}/").status_code == 404


def test_demo_towns_have_their_property_records(towns):
    with schema_context("glogow"):
        assert Property.objects.filter(source="demo").count() >= 20
    with schema_context("zembrzyce"):
        assert 0 < Property.objects.filter(source="demo").count() < 20
