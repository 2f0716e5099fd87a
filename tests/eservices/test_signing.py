"""A form the town requires signed: after the summary the resident is sent to the
signing service (the TpSigning5 simulator over HTTP), signs as themselves and comes back;
the signed document is filed in the case. Cancelled, or signed by someone else, the
application is a draft again and nothing is filed."""

from __future__ import annotations

import re

import pytest
import requests
from django_tenants.utils import schema_context

from eurzad.eservices.models import Submission
from eurzad.identity.authentication import SESSION_KEY
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from tests.channels.conftest import simulator_server, simulators  # noqa: F401 - fixtures
from tests.conftest import ZEMBRZYCE_HOST
from tests.eservices.forms import published
from tests.eservices.waste import field, step
from tests.finance import factories as f

JAN = "44051401359"  # a simulated person: the signing page offers him as person 0
STEPS = [step(field("text", "tresc", "Treść pisma", required=True), title="Pismo")]
LOGIN = {"assertion_id": "_sig1", "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
         "authenticated_at": "2026-12-08T08:00:00Z"}  # fmt: skip


@pytest.fixture
def client(simulators):  # noqa: F811 - the fixture imported above
    published("zembrzyce", STEPS, signature_required=True)
    with schema_context("zembrzyce"):  # the demo town's own Jan Kowalski
        party = Party.objects.get(pesel=JAN)
        jan = Resident.objects.filter(party=party).first()
    jan = jan or f.resident("zembrzyce", party)
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, jan)
    client.get("/konto/")
    session = client.session
    session[SESSION_KEY] = LOGIN
    session.save()
    return client


def _to_signing_page(client) -> tuple[Submission, str]:
    client.post("/e-uslugi/deklaracja-odpady/")
    with schema_context("zembrzyce"):
        draft = Submission.objects.get(form__slug="deklaracja-odpady")
    answers = {"revision": str(draft.revision_id), "action": "next", "tresc": "Proszę o…"}
    client.post(f"/e-uslugi/wniosek/{draft.pk}/krok/1/", answers)
    summary = client.get(f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/").content.decode()
    assert "Podpisz i złóż wniosek" in summary
    sent = client.post(f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/")
    assert sent.status_code == 302 and "/symulator-pz/" in sent["Location"], sent
    with schema_context("zembrzyce"):
        waiting = Submission.objects.get(pk=draft.pk)
    assert waiting.state == Submission.State.SIGNING and waiting.case_id is None
    return waiting, sent["Location"]


def _decide(page_url: str, action: str, person: int) -> str:
    """On the simulated government page: sign as ``person`` or cancel; where it sends the
    browser back to (a path of the town)."""
    session = requests.Session()
    page = session.get(page_url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(page_url, data={"csrfmiddlewaretoken": token, "action": action,
                          "person": person}, headers={"Referer": page_url},
                          allow_redirects=False, timeout=30)  # fmt: skip
    assert answer.status_code == 302
    return re.sub(r"^https?://[^/]+", "", answer.headers["Location"])


def test_signed_by_the_resident_it_is_filed_with_the_signed_document(client):
    draft, page = _to_signing_page(client)
    back = _decide(page, "sign", 0)
    assert back == f"/e-uslugi/wniosek/{draft.pk}/podpis/gotowe/"
    filed = client.get(back)
    assert filed["Location"] == f"/e-uslugi/wniosek/{draft.pk}/"
    with schema_context("zembrzyce"):
        submission = Submission.objects.get(pk=draft.pk)
        titles = list(submission.case.documents.values_list("title", flat=True))
    assert submission.state == Submission.State.SUBMITTED
    assert (submission.signer_name, submission.signer_pesel) == ("Jan Kowalski", JAN)
    assert f"Wniosek {submission.reference} podpisany podpisem zaufanym (XML)" in titles
    assert "Jan Kowalski" in client.get(filed["Location"]).content.decode()


def test_cancelled_or_signed_by_another_person_it_is_a_draft_again(client):
    draft, page = _to_signing_page(client)
    back = _decide(page, "cancel", 0)
    assert client.get(back)["Location"] == f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/"
    with schema_context("zembrzyce"):
        assert Submission.objects.get(pk=draft.pk).state == Submission.State.DRAFT
    sent = client.post(f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/")
    back = _decide(sent["Location"], "sign", 1)  # Maria signs Jan's application
    refused = client.get(back, follow=True).content.decode()
    assert "inna osoba niż zalogowana" in refused
    with schema_context("zembrzyce"):
        submission = Submission.objects.get(pk=draft.pk)
    assert submission.state == Submission.State.DRAFT and submission.case_id is None
    assert not submission.files.exists()
