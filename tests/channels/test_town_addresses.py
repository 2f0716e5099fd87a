"""One source for a town's ePUAP box and e-Doręczenia address: what its pages and mobile
app show is the address its channels send from and receive at, in each town its own."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from eurzad.channels.models import ChannelConfig
from eurzad.core.page_cache import local_pages
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

TOWNS = [("zembrzyce.localhost", "zembrzyce"), ("glogow.localhost", "glogow")]


def _channel_addresses(schema: str) -> tuple[str, str]:
    with schema_context(schema):
        epuap = ChannelConfig.objects.get(kind=ChannelConfig.Kind.EPUAP)
        edoreczenia = ChannelConfig.objects.get(kind=ChannelConfig.Kind.EDORECZENIA)
        return epuap.address, edoreczenia.address


@pytest.mark.parametrize(("host", "schema"), TOWNS)
def test_the_footer_and_contact_page_show_the_channels_own_addresses(towns, host, schema):
    box, delivery = _channel_addresses(schema)
    assert box == f"/{schema}/SkrytkaESP"  # where the simulator delivers
    other = "/glogow/SkrytkaESP" if schema == "zembrzyce" else "/zembrzyce/SkrytkaESP"
    client = host_client(host)
    for path in ("/", "/kontakt/"):
        html = client.get(path).content.decode()
        assert box in html and delivery in html, path
        assert other not in html, path


@pytest.mark.parametrize(("host", "schema"), TOWNS)
def test_the_mobile_app_shows_the_same_addresses(towns, host, schema):
    box, delivery = _channel_addresses(schema)
    contact = host_client(host).get("/api/v1/mobile/town/").json()["contact"]
    assert (contact["epuap_address"], contact["edoreczenia_address"]) == (box, delivery)


def test_a_changed_box_shows_at_once_and_a_poll_changes_nothing(towns):
    client = host_client("zembrzyce.localhost")
    client.get("/kontakt/")  # remembered and cached
    with schema_context("zembrzyce"):
        config = ChannelConfig.objects.get(kind=ChannelConfig.Kind.EPUAP)
        before = local_pages.generation("zembrzyce")
        config.save(update_fields=["last_error", "last_polled_at"])  # a poll
        assert local_pages.generation("zembrzyce") == before
        config.mailbox_name = "SkrytkaUrzedu"
        config.save()
    html = client.get("/kontakt/").content.decode()
    assert "/zembrzyce/SkrytkaUrzedu" in html
    assert (
        "/zembrzyce/SkrytkaUrzedu" not in host_client("glogow.localhost").get("/").content.decode()
    )


def test_a_disabled_channel_shows_no_address(towns):
    with schema_context("glogow"):
        config = ChannelConfig.objects.get(kind=ChannelConfig.Kind.EPUAP)
        config.enabled = False
        config.save()
    html = host_client("glogow.localhost").get("/kontakt/").content.decode()
    assert "SkrytkaESP" not in html
