"""The town's "Rejestry" staff manage registers, entries and property in the admin; an
entry's values are checked against its register's fields."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from eurzad.registers.defaults import PROPERTY_LEASES, REGISTERS_GROUP
from eurzad.registers.models import RegisterDefinition, RegisterEntry
from tests.conftest import GLOGOW_HOST, host_client


def _clerk():  # type: ignore[no-untyped-def]
    client = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        user = get_user_model().objects.create_user(username="reg-clerk", password="x")
        user.groups.add(Group.objects.get(name=REGISTERS_GROUP))
        client.force_login(user)
        leases = RegisterDefinition.objects.get(slug=PROPERTY_LEASES)
    return client, leases


def test_registers_staff_reach_every_listing(towns):
    client, _leases = _clerk()
    for url in ("/admin/registers_definitions/", "/admin/registers_entries/",
                "/admin/registers_properties/", "/admin/registers_properties/new/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_entry_values_are_validated_in_the_admin(towns):
    client, leases = _clerk()
    data = {
        "definition": leases.pk,
        "number": "ADM/1",
        "party": "",
        "valid_from": "",
        "valid_until": "",
        "state": "active",
        "source": "admin",
        "external_id": "adm-1",
    }
    bad = client.post("/admin/registers_entries/new/", {**data, "values": '{"kind": "zamiana"}'})
    assert bad.status_code == 200 and "spoza listy" in bad.content.decode()
    good = client.post("/admin/registers_entries/new/", {**data, "values": '{"area_m2": "12,5"}'})
    assert good.status_code == 302
    with schema_context("glogow"):
        assert RegisterEntry.objects.get(number="ADM/1").values == {"area_m2": "12.5"}
