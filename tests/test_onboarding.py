"""create_municipality: the core of onboarding a town."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Site

from cms.models import HomePage
from tenants.models import Domain, Municipality
from tenants.naming import schema_name_for
from tenants.teryt import validate_teryt
from tests.conftest import host_client
from themes.models import BrandingSettings


@pytest.fixture
def stryszawa(committed_db):
    yield
    connection.set_schema_to_public()
    for town in Municipality.objects.filter(teryt="1215082"):
        town.delete(force_drop=True)


def test_create_municipality_command_builds_a_working_town(stryszawa):
    call_command(
        "create_municipality",
        "--name",
        "Stryszawa",
        "--official-name",
        "Gmina Stryszawa",
        "--teryt",
        "1215082",
        "--domain",
        "Stryszawa.localhost",
        "--theme",
        "gorski",
    )
    town = Municipality.objects.get(teryt="1215082")
    assert (town.schema_name, town.status) == ("stryszawa", "active")
    assert (town.kind, town.voivodeship) == ("rural", "małopolskie")
    assert Domain.objects.get(tenant=town, is_primary=True).domain == "stryszawa.localhost"
    with schema_context("stryszawa"):
        site = Site.objects.get(is_default_site=True)
        assert isinstance(site.root_page.specific, HomePage)
        assert site.hostname == "stryszawa.localhost"
        branding = BrandingSettings.for_site(site)
        assert branding.display_name == "Gmina Stryszawa"
        assert branding.theme_preset == "gorski"
    connection.set_schema_to_public()
    response = host_client("stryszawa.localhost").get("/")
    assert response.status_code == 200
    assert "Gmina Stryszawa" in response.content.decode()


@pytest.mark.parametrize(
    ("teryt", "message"),
    [
        ("12150", "dokładnie 7 cyfr"),
        ("99150921", "dokładnie 7 cyfr"),
        ("9915092", "Nieznany kod województwa"),
        ("1215097", "1, 2 lub 3"),
    ],
)
def test_bad_teryt_is_refused_in_polish_and_english(teryt, message):
    with pytest.raises(ValidationError) as error:
        validate_teryt(teryt)
    assert message in str(error.value)


def test_command_refuses_taken_domain_and_teryt_and_creates_nothing(towns):
    before = Municipality.objects.count()
    with pytest.raises(CommandError) as error:
        call_command(
            "create_municipality",
            "--name",
            "Zembrzyce bis",
            "--teryt",
            "1215092",
            "--domain",
            "zembrzyce.localhost",
        )
    text = str(error.value)
    assert "Gmina o tym kodzie TERYT już istnieje." in text and "jest już zajęta." in text
    assert Municipality.objects.count() == before


def test_command_refuses_malformed_host_name(towns):
    with pytest.raises(CommandError, match="nie jest poprawną nazwą hosta"):
        call_command(
            "create_municipality",
            "--name",
            "X",
            "--teryt",
            "1215082",
            "--domain",
            "http://stryszawa.localhost:8000/",
        )


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ("Głogów", "glogow"),
        ("Bielsko-Biała", "bielsko_biala"),
        ("Łódź", "lodz"),
        ("Żółkiewka", "zolkiewka"),
        ("3 Maja", "gmina_3_maja"),
    ],
)
def test_schema_names_are_transliterated(name, schema):
    assert schema_name_for(name) == schema
