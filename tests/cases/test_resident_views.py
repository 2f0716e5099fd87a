"""Moje sprawy (/konto/sprawy/): a resident sees the cases of the Party they act for —
as party or co-party, their own or a represented Party's — with documents to download,
and nothing of any other Party's, nor of another town."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from eurzad.identity.acting import ACTING_PARTY_KEY
from eurzad.identity.models import Resident
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance import factories as f

OWN_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
FIRM_NIP = "9471682535"
JAN_PESEL = "44051401359"


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL))


@pytest.fixture
def other(towns):
    return f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


def _act_for(client, party) -> None:
    client.get("/konto/")  # the logged-in session exists from here on
    session = client.session
    session[ACTING_PARTY_KEY] = party.pk
    session.save()


def test_resident_sees_own_and_co_party_cases_with_what_is_expected(anna, other, client):
    own = c.case("zembrzyce", anna.party, status="wezwanie", resident_action="Doślij mapę.")
    shared = c.case("zembrzyce", other, co_parties=(anna.party,))
    foreign = c.case("zembrzyce", other)
    html = _html(client.get("/konto/sprawy/"))
    assert own.sign in html and shared.sign in html
    assert foreign.sign not in html
    assert "Doślij mapę." in html
    assert "wezwanie do uzupełnienia".capitalize() in html


def test_case_detail_shows_history_and_documents(anna, client):
    case = c.case("zembrzyce", anna.party)
    letter = c.document("zembrzyce", case)
    html = _html(client.get(f"/konto/sprawy/{case.pk}/"))
    assert case.sign in html and letter.title in html
    assert letter.attachment.url in html and letter.attachment.url.startswith("/pliki/pisma/")


def test_document_downloads_for_the_acting_party(anna, client):
    case = c.case("zembrzyce", anna.party)
    letter = c.document("zembrzyce", case, content=b"moje pismo")
    # An older link leads on to the file's one download path.
    response = client.get(f"/konto/sprawy/{case.pk}/dokumenty/{letter.pk}/", follow=True)
    assert response.redirect_chain == [(letter.attachment.url, 302)]
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"moje pismo"
    assert response["Cache-Control"] == "private, no-store"


def test_other_partys_case_and_document_answer_404(anna, other, client):
    foreign = c.case("zembrzyce", other)
    letter = c.document("zembrzyce", foreign)
    mine = c.case("zembrzyce", anna.party)
    assert client.get(f"/konto/sprawy/{foreign.pk}/").status_code == 404
    assert client.get(f"/konto/sprawy/{foreign.pk}/dokumenty/{letter.pk}/").status_code == 404
    # A foreign document through one's own case id is not found either.
    assert client.get(f"/konto/sprawy/{mine.pk}/dokumenty/{letter.pk}/").status_code == 404
    assert client.get("/konto/sprawy/999999/").status_code == 404


def test_represented_partys_cases_are_shown_when_acting_for_it(anna, client):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Sp. z o.o.", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm, scope="view")
    firm_case = c.case("zembrzyce", firm)
    letter = c.document("zembrzyce", firm_case)
    own = c.case("zembrzyce", anna.party)
    assert firm_case.sign not in _html(client.get("/konto/sprawy/"))
    _act_for(client, firm)
    html = _html(client.get("/konto/sprawy/"))
    assert firm_case.sign in html and own.sign not in html
    assert client.get(f"/konto/sprawy/{firm_case.pk}/").status_code == 200
    url = f"/konto/sprawy/{firm_case.pk}/dokumenty/{letter.pk}/"
    assert client.get(url, follow=True).status_code == 200
    assert client.get(f"/konto/sprawy/{own.pk}/").status_code == 404


def test_revoked_mandate_hides_the_represented_partys_cases(anna, client):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Sp. z o.o.", nip=FIRM_NIP)
    mandate = f.mandate("zembrzyce", anna, firm, scope="view")
    firm_case = c.case("zembrzyce", firm)
    _act_for(client, firm)
    assert client.get(f"/konto/sprawy/{firm_case.pk}/").status_code == 200
    with schema_context("zembrzyce"):
        mandate.delete()
    assert client.get(f"/konto/sprawy/{firm_case.pk}/").status_code == 404


def test_anonymous_visitor_is_sent_to_login(towns):
    from tests.conftest import host_client

    response = host_client(ZEMBRZYCE_HOST).get("/konto/sprawy/")
    assert response.status_code == 302 and "/logowanie/" in response["Location"]


def test_cases_of_another_town_are_never_shown(towns):
    """Jan Kowalski is known in both towns: in Głogów he never sees a Zembrzyce case,
    nor opens or downloads one by its id."""
    with schema_context("zembrzyce"):
        from eurzad.parties.models import Party

        jan_z = Party.objects.get(pesel=JAN_PESEL)
    z_case = c.case("zembrzyce", jan_z, pk=987654)
    z_letter = c.document("zembrzyce", z_case)
    with schema_context("glogow"):
        jan = Resident.objects.select_related("party").get(party__pesel=JAN_PESEL)
    client = f.logged_in("glogow", GLOGOW_HOST, jan)
    html = _html(client.get("/konto/sprawy/"))
    assert z_case.sign not in html
    assert client.get(f"/konto/sprawy/{z_case.pk}/").status_code == 404
    assert client.get(f"/konto/sprawy/{z_case.pk}/dokumenty/{z_letter.pk}/").status_code == 404


def test_account_home_links_to_moje_sprawy(anna, client):
    c.case("zembrzyce", anna.party, status="wezwanie")
    html = _html(client.get("/konto/"))
    assert "/konto/sprawy/" in html and "Moje sprawy" in html
