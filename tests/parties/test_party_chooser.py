"""Staff pick a case's or a register entry's Party in a searchable chooser, never in a
select over every Party of the town; the chooser never shows a full PESEL."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_tenants.utils import schema_context

from eurzad.cases.defaults import CASES_GROUP
from eurzad.registers.defaults import REGISTERS_GROUP
from tests.conftest import GLOGOW_HOST, host_client
from tests.finance import factories as f

PESEL = "75031507125"
NIP = "1234563218"


def _staff(username: str, group: str | None = None):  # type: ignore[no-untyped-def]
    client = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        user = get_user_model().objects.create_user(username=username, password="x")
        if group:
            user.groups.add(Group.objects.get(name=group))
        else:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    return client


def _parties() -> None:
    f.party("glogow", pesel=PESEL, first_name="Zdzisława", last_name="Wybieralska")
    f.party("glogow", kind="legal", name="Wybieralnia Sp. z o.o.", nip=NIP)
    f.party("glogow", first_name="Inny", last_name="Człowiek", pesel="92071314764")


def _results(client, query: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get("/admin/party_chooser/results/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_cases_and_registers_staff_open_the_party_chooser(towns):
    _parties()
    for username, group in (("chooser-cases", CASES_GROUP), ("chooser-reg", REGISTERS_GROUP)):
        response = _staff(username, group).get("/admin/party_chooser/")
        assert response.status_code == 200
        html = json.loads(response.content)["html"]
        assert "Wybierz stronę" in html and "Wybieralska" in html
        assert PESEL not in html and "*******7125" in html


def test_party_chooser_searches_by_name_and_by_identifier(towns):
    _parties()
    client = _staff("chooser-search", CASES_GROUP)
    by_name = _results(client, "wybieral")
    assert "Wybieralska" in by_name and "Wybieralnia" in by_name and "Człowiek" not in by_name
    by_two_words = _results(client, "Zdzisława wybieralska")
    assert "Wybieralska" in by_two_words and "Wybieralnia" not in by_two_words
    by_whole_pesel = _results(client, "750315 07125")
    assert "Wybieralska" in by_whole_pesel and "Wybieralnia" not in by_whole_pesel
    assert PESEL not in by_whole_pesel
    by_masked_end = _results(client, "*******7125")
    assert "Wybieralska" in by_masked_end and "Człowiek" not in by_masked_end
    by_nip = _results(client, "PL 123-456-32-18")
    assert "Wybieralnia" in by_nip and "Wybieralska" not in by_nip and NIP not in by_nip


def test_the_hidden_digits_of_a_pesel_are_not_searchable(towns):
    _parties()
    client = _staff("chooser-hidden", CASES_GROUP)
    assert "Wybieralska" not in _results(client, "750315")  # the masked part
    assert "Wybieralska" not in _results(client, "15")  # too short to mean anything


def test_staff_without_cases_or_registers_cannot_browse_parties(towns):
    _parties()
    client = _staff("chooser-editor")
    assert client.get("/admin/").status_code == 200  # an editor, just not of these
    # The modal loads over XHR: refused outright; a plain visit is sent back home.
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    assert client.get("/admin/party_chooser/", **xhr).status_code == 403
    assert client.get("/admin/party_chooser/results/", {"q": "wyb"}, **xhr).status_code == 403
    refused = client.get("/admin/party_chooser/results/", {"q": "wyb"})
    assert refused.status_code == 302 and "Wybieralska" not in refused.content.decode()


def test_case_and_register_entry_forms_choose_the_party_in_the_chooser(towns):
    _parties()
    cases = _staff("chooser-form-cases", CASES_GROUP)
    registers = _staff("chooser-form-reg", REGISTERS_GROUP)
    for client, url in ((cases, "/admin/cases_cases/new/"),
                        (registers, "/admin/registers_entries/new/")):  # fmt: skip
        html = client.get(url).content.decode()
        assert "/admin/party_chooser/" in html, url
        assert "Wybieralska" not in html, url  # no <option> per Party
