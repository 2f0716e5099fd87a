"""Nothing of Głogów on Zembrzyce's host (and back); an unknown host gets nothing; answers
are public, cacheable and carry a strong ETag; the schema describes every endpoint."""

from __future__ import annotations

import pytest
from django.urls import include, path
from django_tenants.utils import schema_context
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from cms.models import Alert, NewsPage
from eurzad.registers.defaults import ALCOHOL_PERMITS
from eurzad.registers.models import Property, RegisterEntry
from tests.api.open.conftest import API, column, get_csv, get_json
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def _ids_only_in(schema: str, other: str, model: type) -> list[int]:
    """Ids of visible rows of ``schema`` that ``other`` has no row with."""
    with schema_context(other):
        theirs = set(model.objects.values_list("pk", flat=True))
    with schema_context(schema):
        ours = model.objects.filter(published=True).values_list("pk", flat=True)
        return [pk for pk in ours if pk not in theirs]


def test_glogow_property_and_entries_are_not_found_on_zembrzyce_host(zembrzyce, glogow,
                                                                     secret_permit):  # fmt: skip
    with schema_context("glogow"):
        Property.objects.create(parcel_number="999/9", precinct="Głogów 9", area_m2=100,
                                external_id="iso-1")  # fmt: skip
    only_glogow = _ids_only_in("glogow", "zembrzyce", Property)
    assert only_glogow
    for pk in only_glogow[:5]:
        assert glogow.get(f"{API}mienie/{pk}/").status_code == 200
        response = zembrzyce.get(f"{API}mienie/{pk}/")
        assert (
            response.status_code == 404 and response["Content-Type"] == "application/problem+json"
        )
    entry = f"{API}rejestry/{ALCOHOL_PERMITS}/wpisy/ZEZW/99/2026/"
    assert glogow.get(entry).status_code == 200
    assert zembrzyce.get(entry).status_code == 404
    assert glogow.get(f"{API}budzet/2026/").status_code == 200
    assert zembrzyce.get(f"{API}budzet/2026/").status_code == 404  # Zembrzyce has no budget
    assert zembrzyce.get(f"{API}budzet/2026/pozycje/").status_code == 404


def test_each_host_lists_only_its_own_data(zembrzyce, glogow, secret_permit):
    for schema, client in (("glogow", glogow), ("zembrzyce", zembrzyce)):
        with schema_context(schema):
            parcels = set(Property.objects.filter(published=True)
                          .values_list("precinct", "parcel_number"))  # fmt: skip
            alerts = set(Alert.objects.values_list("title", flat=True))
            news = set(NewsPage.objects.live().values_list("title", flat=True))
            numbers = set(RegisterEntry.objects.filter(definition__slug=ALCOHOL_PERMITS)
                          .values_list("number", flat=True))  # fmt: skip
        listed = get_json(client, "mienie/", na_stronie=200)["results"]
        assert {(item["precinct"], item["parcel_number"]) for item in listed} == parcels
        rows = get_csv(client, "mienie/")
        assert set(zip(column(rows, "precinct"), column(rows, "parcel_number"),
                       strict=True)) == parcels  # fmt: skip
        assert {a["title"] for a in get_json(client, "ostrzezenia/")["results"]} <= alerts
        assert {n["title"] for n in get_json(client, "aktualnosci/", na_stronie=200)["results"]} \
            == news  # fmt: skip
        entries = get_json(client, f"rejestry/{ALCOHOL_PERMITS}/wpisy/", na_stronie=200)
        assert {entry["number"] for entry in entries["results"]} == numbers
    zembrzyce_file = get_csv(zembrzyce, f"rejestry/{ALCOHOL_PERMITS}/wpisy/")
    assert "ZEZW/99/2026" not in column(zembrzyce_file, "number")
    assert get_json(zembrzyce, "budzet/")["results"] == []
    assert get_json(zembrzyce, "")["publisher"]["teryt"] == "1215092"


@pytest.mark.parametrize("host", ["nieznana.localhost", "zembrzyce.localhost.evil"])
def test_unknown_host_gets_404(towns, host):
    for endpoint in ("", "mienie/", "mienie/?format=csv", "budzet/"):
        response = host_client(host).get(API + endpoint)
        assert response.status_code == 404, endpoint
        assert "Pod tym adresem nie działa żaden serwis e-Urzędu" in response.content.decode()


def test_answers_are_public_for_five_minutes_with_a_strong_etag(glogow):
    first = glogow.get(API + "mienie/")
    assert first.status_code == 200
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=300"}
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "Accept" in first["Vary"] and "Accept-Language" in first["Vary"]
    again = glogow.get(API + "mienie/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]
    with schema_context("glogow"):
        Property.objects.create(parcel_number="5/5", precinct="Aaa", area_m2=1, external_id="e-1")
    changed = glogow.get(API + "mienie/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    file = glogow.get(API + "mienie/", {"format": "csv"})
    assert "max-age=300" in file["Cache-Control"]


def test_open_data_needs_no_login_and_ignores_credentials(glogow):
    response = glogow.get(API + "mienie/", HTTP_AUTHORIZATION="Bearer nie-ma-takiego-tokenu")
    assert response.status_code == 200


def test_schema_describes_the_open_data_without_warnings(glogow):
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(
        api_version="v1", patterns=[path("api/v1/", include("api.urls", namespace="v1"))]
    )
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    mine = [message for message in (*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache)
            if "api/open" in message or "otwarte" in message]  # fmt: skip
    assert mine == []
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/otwarte-dane/")]
    assert len(paths) == 15
    listing = schema["paths"]["/api/v1/otwarte-dane/mienie/"]["get"]
    assert set(listing["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert {parameter["name"] for parameter in listing["parameters"]} >= {
        "q", "obreb", "oferta", "pow_od", "pow_do", "strona", "na_stronie", "format"
    }  # fmt: skip
    assert listing["security"] == [{}]
