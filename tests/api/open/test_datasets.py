"""Głogów's open data: every dataset in JSON (in pages) and as a CSV file, only what the
town's public pages show."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from api.open.datasets import DATASETS
from cms.models import Alert, NewsIndexPage, NewsPage, ServiceCatalogueIndexPage, ServicePage
from eurzad.demo.images import illustration
from eurzad.registers.defaults import ALCOHOL_PERMITS, PROPERTY_LEASES
from eurzad.registers.models import Property, PropertyPhoto, RegisterDefinition
from tests.api.open.conftest import (
    API,
    NON_PUBLIC_FIELDS,
    NON_PUBLIC_LABELS,
    SECRET_NIP,
    SECRET_SALES,
    column,
    csv_rows,
    csv_text,
    get_csv,
    get_json,
)

pytestmark = pytest.mark.django_db


def test_index_lists_every_dataset_with_its_formats_and_the_licence(glogow):
    index = get_json(glogow, "")
    assert index["publisher"]["teryt"] == "0203011"
    assert index["licence"]["id"] == "CC-BY-4.0"
    assert {dataset["id"] for dataset in index["datasets"]} == {d.id for d in DATASETS}
    alerts = next(dataset for dataset in index["datasets"] if dataset["id"] == "alerts")
    assert alerts["title"] == "Ostrzeżenia" and alerts["formats"] == ["json", "csv"]
    assert alerts["url"] == "http://glogow.localhost/api/v1/otwarte-dane/ostrzezenia/"
    assert alerts["csv_url"].endswith("/ostrzezenia/?format=csv")
    for dataset in index["datasets"]:
        assert glogow.get(dataset["url"]).status_code == 200, dataset["url"]
        assert glogow.get(dataset["csv_url"]).status_code == 200, dataset["csv_url"]


def test_index_speaks_english_on_request(glogow):
    english = glogow.get(API, HTTP_ACCEPT_LANGUAGE="en").json()
    titles = {dataset["id"]: dataset["title"] for dataset in english["datasets"]}
    assert titles["property"] == "Municipal property" and titles["budget"] == "Budget"
    assert english["licence"]["name"].startswith("Creative Commons Attribution 4.0")


def test_alerts_in_force_and_recent_but_not_announced_or_old(glogow):
    now = timezone.now()
    with schema_context("glogow"):
        Alert.objects.create(title="Zapowiedziane", message="x", valid_from=now + timedelta(days=1),
                             valid_until=now + timedelta(days=2))  # fmt: skip
        Alert.objects.create(title="Dawno minione", message="x",
                             valid_from=now - timedelta(days=90),
                             valid_until=now - timedelta(days=60))  # fmt: skip
        Alert.objects.create(title="=Niedawne", message="x", valid_from=now - timedelta(days=5),
                             valid_until=now - timedelta(days=4))  # fmt: skip
    alerts = get_json(glogow, "ostrzezenia/")["results"]
    titles = {alert["title"]: alert for alert in alerts}
    assert titles["Ostrzeżenie meteorologiczne IMGW: silny wiatr"]["active"] is True
    assert titles["=Niedawne"]["active"] is False
    assert "Zapowiedziane" not in titles and "Dawno minione" not in titles
    active = get_json(glogow, "ostrzezenia/", aktywne="true")["results"]
    assert all(alert["active"] for alert in active) and active
    rows = get_csv(glogow, "ostrzezenia/")
    assert rows[0][:3] == ["id", "title", "message"]
    assert set(column(rows, "title")) == set(titles) - {"=Niedawne"} | {"'=Niedawne"}


def test_news_lists_only_live_pages(glogow):
    with schema_context("glogow"):
        index = NewsIndexPage.objects.get()
        draft = NewsPage(title="Szkic niepublikowany", slug="szkic", lead="x", body=[],
                         live=False)  # fmt: skip
        index.add_child(instance=draft)
        live_count = NewsPage.objects.live().count()
    news = get_json(glogow, "aktualnosci/", na_stronie=200)
    assert news["count"] == live_count > 0
    titles = [item["title"] for item in news["results"]]
    assert "Szkic niepublikowany" not in titles
    first = news["results"][0]
    assert first["url"].startswith("http://glogow.localhost/aktualnosci/")
    assert [row for row in column(get_csv(glogow, "aktualnosci/"), "title")] == titles
    tagged = get_json(glogow, "aktualnosci/", tag=first["tags"][0])["results"]
    assert tagged and all(first["tags"][0] in item["tags"] for item in tagged)


def test_service_catalogue_with_categories_situations_and_links(glogow):
    with schema_context("glogow"):
        catalogue = ServiceCatalogueIndexPage.objects.get()
        catalogue.add_child(instance=ServicePage(title="Usługa w przygotowaniu", slug="szkic",
                                                 summary="x", purpose="<p>x</p>",
                                                 live=False))  # fmt: skip
        live = set(ServicePage.objects.live().values_list("title", flat=True))
    services = get_json(glogow, "katalog-uslug/uslugi/", na_stronie=200)["results"]
    assert {service["title"] for service in services} == live
    linked = [service for service in services if service["links"]]
    assert linked, "the demo services link their ePUAP forms"
    assert {"kind", "label", "url"} <= set(linked[0]["links"][0])
    categories = get_json(glogow, "katalog-uslug/kategorie/")["results"]
    situations = get_json(glogow, "katalog-uslug/sytuacje-zyciowe/")["results"]
    assert categories and situations
    slug = categories[0]["slug"]
    in_category = get_json(glogow, "katalog-uslug/uslugi/", kategoria=slug)["results"]
    assert in_category and all(slug in service["categories"] for service in in_category)
    rows = get_csv(glogow, "katalog-uslug/uslugi/")
    assert set(column(rows, "title")) == live
    assert column(get_csv(glogow, "katalog-uslug/kategorie/"), "slug")[0] == slug
    assert get_csv(glogow, "katalog-uslug/sytuacje-zyciowe/")[0] == ["slug", "name"]


def test_registers_publish_their_public_fields_only(glogow, secret_permit):
    registers = {item["slug"]: item for item in get_json(glogow, "rejestry/")["results"]}
    permits = registers[ALCOHOL_PERMITS]
    names = [field["name"] for field in permits["public_fields"]]
    assert "holder" in names and not set(NON_PUBLIC_FIELDS) & set(names)
    assert permits["entries_url"].endswith(f"/rejestry/{ALCOHOL_PERMITS}/wpisy/")
    assert get_json(glogow, f"rejestry/{ALCOHOL_PERMITS}/")["slug"] == ALCOHOL_PERMITS
    csv_registers = csv_text(glogow.get(API + "rejestry/", {"format": "csv"}))
    assert "holder" in csv_registers
    for secret in NON_PUBLIC_FIELDS:
        assert secret not in csv_registers


def test_register_entries_never_carry_non_public_fields(glogow, secret_permit):
    entries_path = f"rejestry/{ALCOHOL_PERMITS}/wpisy/"
    response = glogow.get(API + entries_path, {"na_stronie": 200})
    entry = next(e for e in response.json()["results"] if e["number"] == "ZEZW/99/2026")
    assert entry["values"]["holder"] == "Winiarnia Tajemnicza"
    detail = glogow.get(API + entries_path + "ZEZW/99/2026/")
    assert detail.json()["values"]["outlet_address"] == "ul. Jawna 1"
    file = csv_text(glogow.get(API + entries_path, {"format": "csv"}))
    assert "Winiarnia Tajemnicza" in file
    header = file.splitlines()[0]
    assert header.startswith("number;state;valid_from;valid_until;holder")
    for text in (response.content.decode(), detail.content.decode(), file):
        assert SECRET_NIP not in text and SECRET_SALES not in text
        for name in NON_PUBLIC_FIELDS:
            assert f'"{name}"' not in text and f";{name}" not in text
        for label in NON_PUBLIC_LABELS:
            assert label not in text


def test_register_search_matches_public_fields_only(glogow, secret_permit):
    path = f"rejestry/{ALCOHOL_PERMITS}/wpisy/"
    found = get_json(glogow, path, q="tajemnicza")["results"]
    assert [entry["number"] for entry in found] == ["ZEZW/99/2026"]
    assert get_json(glogow, path, q=SECRET_NIP)["results"] == []
    assert len(get_csv(glogow, path, q=SECRET_NIP)) == 1  # the header only


def test_lease_register_hides_tenant_and_rent(glogow):
    file = csv_text(glogow.get(API + f"rejestry/{PROPERTY_LEASES}/wpisy/", {"format": "csv"}))
    assert "112/4" in file and "Jan Kowalski" not in file and "rent" not in file


def test_a_non_public_register_is_not_found(glogow, secret_permit):
    with schema_context("glogow"):
        RegisterDefinition.objects.filter(slug=ALCOHOL_PERMITS).update(is_public=False)
    slugs = [item["slug"] for item in get_json(glogow, "rejestry/")["results"]]
    assert ALCOHOL_PERMITS not in slugs
    for path in ("", "wpisy/", "wpisy/ZEZW/99/2026/", "wpisy/?format=csv"):
        response = glogow.get(f"{API}rejestry/{ALCOHOL_PERMITS}/{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"


def test_budget_years_with_totals_and_lines_by_classification(glogow):
    years = {item["year"]: item for item in get_json(glogow, "budzet/")["results"]}
    assert set(years) == {2025, 2026}
    assert Decimal(years[2026]["income"]["planned"]) > 0
    assert get_json(glogow, "budzet/2026/")["income"] == years[2026]["income"]
    assert column(get_csv(glogow, "budzet/"), "year") == ["2026", "2025"]
    lines = get_json(glogow, "budzet/2026/pozycje/", rodzaj="wydatki", dzial="600",
                     na_stronie=200)["results"]  # fmt: skip
    assert lines and all(ln["side"] == "expenditure" and ln["dzial"] == "600" for ln in lines)
    rozdzial = lines[0]["rozdzial"]
    narrow = get_json(glogow, "budzet/2026/pozycje/", rozdzial=rozdzial)["results"]
    assert {line["rozdzial"] for line in narrow} == {rozdzial}
    rows = get_csv(glogow, "budzet/2026/pozycje/", rodzaj="wydatki", dzial="600")
    assert rows[0] == ["side", "dzial", "rozdzial", "paragraf", "description", "planned",
                       "executed"]  # fmt: skip
    assert len(rows) == len(lines) + 1 and {row[0] for row in rows[1:]} == {"wydatki"}
    assert sum(Decimal(row[5]) for row in rows[1:]) == sum(Decimal(ln["planned"]) for ln in lines)
    assert glogow.get(API + "budzet/1999/pozycje/").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("budzet/2026/pozycje/", {"dzial": "6a"}, "dzial"),
        ("budzet/2026/pozycje/", {"rodzaj": "przychody"}, "rodzaj"),
        ("mienie/", {"pow_od": "dużo"}, "pow_od"),
        ("mienie/", {"pow_od": "100", "pow_do": "10"}, "pow_do"),
        ("mienie/", {"oferta": "darowizna"}, "oferta"),
        ("ostrzezenia/", {"aktywne": "może"}, "aktywne"),
    ],
)
def test_bad_filters_get_a_clear_error_in_polish_or_english(glogow, path, params, field):
    response = glogow.get(API + path, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["detail"] == "Popraw wskazane pola." and field in problem["errors"]
    as_csv = glogow.get(API + path, {**params, "format": "csv"})
    assert as_csv.status_code == 400 and as_csv["Content-Type"] == "application/problem+json"
    english = glogow.get(API + path, params, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Invalid data"
    assert english["detail"] == "Correct the indicated fields."


def test_property_search_filters_like_the_public_page(glogow):
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
    found = get_json(glogow, "mienie/", obreb="Testowo", oferta="sale", pow_od="1000",
                     pow_do="2000")["results"]  # fmt: skip
    assert [item["parcel_number"] for item in found] == ["777/1"]
    assert found[0]["area_m2"] == "1500.00"
    assert [i["parcel_number"] for i in get_json(glogow, "mienie/", q="szukana")["results"]] == [
        "777/1"
    ]
    rows = get_csv(glogow, "mienie/", obreb="Testowo")
    assert column(rows, "parcel_number") == ["777/1", "777/2"]
    assert column(rows, "area_m2") == ["1500.00", "50.00"]
    with schema_context("glogow"):
        visible = Property.objects.filter(published=True).count()
    assert get_json(glogow, "mienie/")["count"] == visible
    assert len(get_csv(glogow, "mienie/")) == visible + 1


def test_property_detail_has_photos_and_hidden_property_is_not_found(glogow):
    with schema_context("glogow"):
        shown = Property.objects.create(parcel_number="1/1", precinct="Głogów 1", area_m2=10,
                                        land_register_number="LE1G/00000001/1",
                                        external_id="d-1")  # fmt: skip
        PropertyPhoto.objects.create(property=shown, image=illustration("drogi"),
                                     caption="Widok działki od ulicy")  # fmt: skip
        hidden = Property.objects.create(parcel_number="1/2", precinct="Głogów 1", area_m2=10,
                                         published=False, external_id="d-2")  # fmt: skip
    detail = get_json(glogow, f"mienie/{shown.pk}/")
    assert detail["land_register_number"] == "LE1G/00000001/1"
    assert detail["page_url"] == f"http://glogow.localhost/mienie/{shown.pk}/"
    [photo] = detail["photos"]
    assert photo["caption"] == "Widok działki od ulicy"
    assert photo["url"].startswith("http://glogow.localhost/") and photo["original_url"]
    assert glogow.get(API + f"mienie/{hidden.pk}/").status_code == 404
    assert "1/2" not in column(get_csv(glogow, "mienie/", obreb="Głogów 1"), "parcel_number")


def test_csv_cells_that_look_like_formulas_are_defused(glogow):
    with schema_context("glogow"):
        Property.objects.create(parcel_number="-5", precinct="Formułowo", area_m2=1,
                                address='=HYPERLINK("http://zly.example","klik")',
                                use="@SUM(A1:A9)", external_id="inj-1")  # fmt: skip
    header, values = get_csv(glogow, "mienie/", obreb="Formułowo")
    row = dict(zip(header, values, strict=True))
    assert row["address"] == '\'=HYPERLINK("http://zly.example","klik")'
    assert row["use"] == "'@SUM(A1:A9)"
    assert row["parcel_number"] == "-5"  # a number stays a number


def test_csv_is_also_chosen_by_the_accept_header(glogow):
    response = glogow.get(API + "mienie/", HTTP_ACCEPT="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="glogow-mienie.csv"'
    assert csv_rows(response)[0][:3] == ["id", "parcel_number", "precinct"]
    budget = glogow.get(API + "budzet/2026/pozycje/", HTTP_ACCEPT="text/csv")
    assert budget["Content-Disposition"] == 'attachment; filename="glogow-budzet-2026.csv"'
