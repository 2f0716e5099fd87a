"""The town's finance staff set up the payment gateway in the admin; keys are write-only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from eurzad.finance.defaults import FINANCE_GROUP
from eurzad.finance.gateways.models import GatewayConfig
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client


def _clerk(host: str, schema: str):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"fin-{schema}", password="x")
        user.groups.add(Group.objects.get(name=FINANCE_GROUP))
        client.force_login(user)
        config = GatewayConfig.objects.get(gateway="przelewy24")
    return client, config


def test_keys_are_written_but_never_shown_back(towns):
    client, config = _clerk(ZEMBRZYCE_HOST, "zembrzyce")
    url = f"/admin/payment_gateways/edit/{config.pk}/"
    form = {
        "gateway": "przelewy24", "enabled": "on", "order": "0", "environment": "local",
        "api_base_url": config.api_base_url, "merchant_id": "123456", "pos_id": "123456",
        "client_id": "", "fee_percent": "1.20", "fee_fixed": "0.30",
        "crc_key": "nowy-tajny-klucz-crc",
    }  # fmt: skip
    assert client.post(url, form).status_code == 302
    with schema_context("zembrzyce"):
        config.refresh_from_db()
        assert config.crc_key == "nowy-tajny-klucz-crc"
        assert "nowy-tajny-klucz-crc" not in config.crc_key_sealed
        api_key = config.api_key
    page = client.get(url).content.decode()
    assert "nowy-tajny-klucz-crc" not in page
    # Saving again without typing the keys keeps them.
    form.pop("crc_key")
    assert client.post(url, form).status_code == 302
    with schema_context("zembrzyce"):
        config.refresh_from_db()
        assert config.crc_key == "nowy-tajny-klucz-crc" and config.api_key == api_key


def test_each_town_sees_only_its_own_gateway(towns):
    for schema, merchant in (("zembrzyce", "111111"), ("glogow", "222222")):
        with schema_context(schema):
            GatewayConfig.objects.filter(gateway="przelewy24").update(merchant_id=merchant)
    client, config = _clerk(GLOGOW_HOST, "glogow")
    page = client.get(f"/admin/payment_gateways/edit/{config.pk}/").content.decode()
    assert "222222" in page and "111111" not in page
    listing = client.get("/admin/payment_gateways/").content.decode()
    assert "111111" not in listing
