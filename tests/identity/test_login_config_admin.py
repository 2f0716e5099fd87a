"""The town's login.gov.pl settings are edited in the Wagtail admin by its administrators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from eurzad.identity.models import LoginGovConfig
from eurzad.identity.services import IDENTITY_ADMIN_GROUP
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

BAD_PEM = "-----BEGIN CERTIFICATE-----\nxyz\n-----END CERTIFICATE-----"


def _admin_client(host: str, schema: str, group: str | None = IDENTITY_ADMIN_GROUP):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"admin-{schema}", password="x")
        user.groups.add(*Group.objects.filter(name__in=[group, "Editors"]))
        client.force_login(user)
        config = LoginGovConfig.objects.get()
    return client, config


def _form(config: LoginGovConfig, **changes: str) -> dict[str, str]:
    data = {
        "environment": "int",
        "idp_base_url": "",
        "entity_id": config.entity_id,
        "minimum_loa": config.minimum_loa,
        "idp_certificate": "",
    }
    data.update(changes)
    return data


def test_administrator_changes_environment_and_level_of_assurance(towns):
    client, config = _admin_client(ZEMBRZYCE_HOST, "zembrzyce")
    page = client.get(f"/admin/login_gov_config/edit/{config.pk}/")
    assert page.status_code == 200
    assert "sp_private_key" not in page.content.decode()  # never shown back
    answer = client.post(
        f"/admin/login_gov_config/edit/{config.pk}/",
        _form(config, minimum_loa="http://eidas.europa.eu/LoA/high"),
    )
    assert answer.status_code == 302
    with schema_context("zembrzyce"):
        config.refresh_from_db()
        assert config.environment == "int" and config.minimum_loa.endswith("/high")
        assert config.base_url == "https://int.login.gov.pl"


def test_a_bad_idp_certificate_is_refused_with_a_clear_message(towns):
    client, config = _admin_client(ZEMBRZYCE_HOST, "zembrzyce")
    answer = client.post(
        f"/admin/login_gov_config/edit/{config.pk}/",
        _form(
            config, idp_certificate="-----BEGIN CERTIFICATE-----\nxyz\n-----END CERTIFICATE-----"
        ),
    )
    assert "To nie jest certyfikat X.509 w formacie PEM." in answer.content.decode()
    with schema_context("zembrzyce"):
        assert LoginGovConfig.objects.get().environment == "local"


def test_editors_cannot_touch_the_login_configuration(towns):
    client, config = _admin_client(ZEMBRZYCE_HOST, "zembrzyce", group=None)
    assert client.get(f"/admin/login_gov_config/edit/{config.pk}/").status_code in {302, 403}


def test_each_town_edits_only_its_own_configuration(towns):
    client, config = _admin_client(GLOGOW_HOST, "glogow")
    page = client.get(f"/admin/login_gov_config/edit/{config.pk}/").content.decode()
    assert "glogow.localhost" in page and "zembrzyce.localhost" not in page
