"""What the app shows before pairing: the town, its news, alerts and service catalogue."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from cms.models import Alert
from cms.models.services import ServiceCategory
from tests.api.mobile.helpers import API, api_client
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST


def test_active_alerts_only(towns):
    with schema_context("zembrzyce"):
        Alert.objects.create(
            title="Burze", message="Uwaga na burze.", severity="warning",
            valid_until=timezone.now() + timedelta(hours=3),
        )  # fmt: skip
        Alert.objects.create(
            title="Wczorajsze", message="Minęło.",
            valid_from=timezone.now() - timedelta(days=2),
            valid_until=timezone.now() - timedelta(days=1),
        )  # fmt: skip
    alerts = api_client(ZEMBRZYCE_HOST).get(f"{API}/alerts/").json()
    titles = [alert["title"] for alert in alerts]
    assert "Burze" in titles and "Wczorajsze" not in titles
    assert "Burze" not in str(api_client(GLOGOW_HOST).get(f"{API}/alerts/").json())


def test_news_are_paginated(towns):
    first = api_client(ZEMBRZYCE_HOST).get(f"{API}/news/?na_stronie=1").json()
    assert len(first["results"]) == 1 and set(first["results"][0]) == {
        "id", "title", "date", "intro", "url",
    }  # fmt: skip
    if first["count"] > 1:
        assert first["next"]


def test_services_filter_by_category_and_text(towns):
    everything = api_client(GLOGOW_HOST).get(f"{API}/services/?na_stronie=200").json()
    assert everything["count"] > 0
    with schema_context("glogow"):
        category = ServiceCategory.objects.filter(services__isnull=False).first()
    in_category = (
        api_client(GLOGOW_HOST)
        .get(f"{API}/services/?kategoria={category.slug}&na_stronie=200")
        .json()
    )
    assert 0 < in_category["count"] <= everything["count"]
    assert all(
        category.slug in [c["slug"] for c in item["categories"]] for item in in_category["results"]
    )
    word = everything["results"][0]["title"].split()[0]
    found = api_client(GLOGOW_HOST).get(f"{API}/services/?q={word}").json()
    assert found["count"] >= 1
    assert api_client(GLOGOW_HOST).get(f"{API}/services/?q=zzzqqqxxx").json()["count"] == 0


def test_town_contact_and_links(towns):
    town = api_client(ZEMBRZYCE_HOST).get(f"{API}/town/").json()
    assert set(town) == {
        "name", "official_name", "teryt", "kind", "kind_display", "voivodeship", "branding",
        "contact", "links",
    }  # fmt: skip
    assert town["voivodeship"] == "małopolskie"
    assert town["links"]["contact"].startswith("http://zembrzyce.localhost/")
    assert isinstance(town["contact"]["opening_hours"], list)
