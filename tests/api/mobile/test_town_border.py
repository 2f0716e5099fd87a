"""Nothing of one town is visible from another's host: a Zembrzyce phone on Głogów's host
is a stranger everywhere, and the public endpoints show only the host's own town."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tests.api.mobile.helpers import API, api_client, paired_token, resident_with_pin
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance.factories import obligation

AUTHENTICATED = [
    ("get", "device/"),
    ("delete", "device/"),
    ("get", "me/"),
    ("get", "obligations/"),
    ("get", "obligations/{obligation}/"),
    ("get", "balances/"),
    ("get", "payments/"),
    ("post", "payments/"),
    ("get", "payments/1/"),
    ("get", "payments/intents/1/"),
    ("get", "cases/"),
    ("get", "cases/1/"),
    ("get", "notifications/"),
    ("post", "notifications/read/"),
    ("get", "notifications/unread-count/"),
]


@pytest.mark.parametrize(("method", "path"), AUTHENTICATED)
def test_zembrzyce_device_token_on_glogows_host_is_refused(towns, method, path):
    resident = resident_with_pin("zembrzyce")
    token = paired_token("zembrzyce", resident)
    tax = obligation("zembrzyce", resident.party, installments=[("2026-03-15", "10.00")])
    url = f"{API}/{path.format(obligation=tax.pk)}"
    body = {"installments": [{"id": 1}]} if path == "payments/" else {}
    abroad = getattr(api_client(GLOGOW_HOST, token), method)(
        url, body, content_type="application/json"
    )
    assert abroad.status_code == 401, abroad.content
    assert abroad["Content-Type"] == "application/problem+json"
    with schema_context("zembrzyce"):
        assert resident.devices.get().revoked_at is None  # nothing changed anywhere
    at_home = getattr(api_client(ZEMBRZYCE_HOST, token), method)(
        url, body, content_type="application/json"
    )
    assert at_home.status_code != 401  # the same token does work on its own town's host


@pytest.mark.parametrize(("method", "path"), AUTHENTICATED)
def test_every_resident_endpoint_needs_a_token(towns, method, path):
    answer = getattr(api_client(ZEMBRZYCE_HOST), method)(
        f"{API}/{path.format(obligation=1)}", {}, content_type="application/json"
    )
    assert answer.status_code == 401


def test_town_is_the_hosts_own(towns):
    zembrzyce = api_client(ZEMBRZYCE_HOST).get(f"{API}/town/").json()
    glogow = api_client(GLOGOW_HOST).get(f"{API}/town/").json()
    assert (zembrzyce["teryt"], zembrzyce["kind"]) == ("1215092", "rural")
    assert (glogow["teryt"], glogow["kind"]) == ("0203011", "urban")
    assert glogow["official_name"] == "Miasto Głogów"
    assert glogow["links"]["portal"] == "http://glogow.localhost/"
    assert glogow["branding"]["primary_colour"].startswith("#")
    assert glogow["branding"]["logo_url"].startswith("http://glogow.localhost/")
    assert (
        glogow["contact"]["office_name"]
        and glogow["contact"]["office_name"] != (zembrzyce["contact"]["office_name"])
    )


def test_news_alerts_and_services_are_the_hosts_own(towns):
    for host, other in ((ZEMBRZYCE_HOST, GLOGOW_HOST), (GLOGOW_HOST, ZEMBRZYCE_HOST)):
        news = api_client(host).get(f"{API}/news/").json()
        assert news["count"] > 0
        assert all(item["url"].startswith(f"http://{host}/") for item in news["results"])
        dates = [item["date"] for item in news["results"]]
        assert dates == sorted(dates, reverse=True)
        services = api_client(host).get(f"{API}/services/?na_stronie=200").json()
        assert all(item["url"].startswith(f"http://{host}/") for item in services["results"])
        assert other not in str(services)
        assert api_client(host).get(f"{API}/alerts/").status_code == 200
