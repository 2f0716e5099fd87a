"""Online applications for the town's systems: the filed ones listed and read (answers,
digest, login, case) with the ``submissions`` scope, their files downloaded with the key
(never without it, never with another town's), ``submission.filed`` once in the feed and
as a webhook; a draft, another town's application or an anonymous report seen from
anywhere but its own town's key are not there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import schema_context

from api.integration.webhooks import deliver
from api.models import FeedEntry, WebhookDelivery
from eurzad.audit.models import AuditEvent
from eurzad.eservices.attachments import attach
from eurzad.eservices.errors import AuthenticationRequired
from eurzad.eservices.models import EServiceForm, Submission, SubmissionFile, definition_of
from eurzad.eservices.services import save_answers, start, submit
from eurzad.identity.models import Resident
from tests.api.integration.helpers import api_client, call
from tests.api.integration.test_webhooks import SECRET, Receiver
from tests.api.mobile import helpers as mobile
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.eservices.filing import LOGIN, REPORT
from tests.eservices.forms import published
from tests.finance import factories as f

SCHEMA = "zembrzyce"
ANSWERS = {"metoda": "osoby", "osoby": "3", "kompostownik": "nie", "oswiadczenie": "on"}
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 500


@pytest.fixture
def form(towns: Any) -> EServiceForm:
    return published(SCHEMA)


@pytest.fixture
def jan(towns: Any) -> Resident:
    own = f.party(SCHEMA, pesel="92071314764", first_name="Jan", last_name="Kowalski")
    return f.resident(SCHEMA, own)


def _filed(form: EServiceForm, who: Resident, party: Any = None, **answers: Any) -> Submission:
    with schema_context(SCHEMA):
        draft = start(form, party or who.party, who)
        assert save_answers(draft, {**ANSWERS, **answers}).errors == {}
        submit(draft, LOGIN)
        return Submission.objects.select_related("case").get(pk=draft.pk)


def _to_the_end(key: str, host: str = ZEMBRZYCE_HOST) -> str:
    cursor = ""
    while True:
        page = call(host, "get", f"zmiany/wnioski/?since={cursor}&limit=500", key).json()
        cursor = page["next"]
        if not page["has_more"]:
            return cursor


def _get(path: str, key: str | None, host: str = ZEMBRZYCE_HOST) -> Any:
    return call(host, "get", path, key)


def test_filed_applications_are_listed_and_read_with_their_answers(form, jan):
    filed = _filed(form, jan)
    _client, key = api_client(SCHEMA, ["submissions"])
    listed = _get("wnioski/", key).json()
    [item] = [each for each in listed["results"] if each["id"] == filed.pk]
    assert item["reference"] == filed.reference and item["form"]["slug"] == "deklaracja-odpady"
    assert item["party"] == {"id": "*******4764", "id_type": "pesel"}  # masked: no parties scope
    assert item["case"]["id"] == filed.case_id and item["digest"] == filed.digest
    assert item["detail"] == f"/api/v1/integracja/wnioski/{filed.pk}/"
    detail = _get(f"wnioski/{filed.pk}/", key).json()
    assert detail["answers"]["oplata"] == "96.00" and detail["answers"]["osoby"] == 3
    assert detail["authentication"]["assertion_id"] == LOGIN.assertion_id
    assert detail["mandate"] is None
    assert [each["content_type"] for each in detail["files"]][:3] == [
        "application/pdf", "application/xml", "application/json",
    ]  # fmt: skip
    with schema_context(SCHEMA):
        assert AuditEvent.objects.filter(
            action="personal_data_viewed", party=jan.party, method="api"
        ).exists()
    _client, full = api_client(SCHEMA, ["submissions", "parties"])
    assert _get(f"wnioski/{filed.pk}/", full).json()["party"]["id"] == "92071314764"
    assert _get("wnioski/?formularz=inny-formularz", key).json()["results"] == []
    assert _get("wnioski/?formularz=nie%20slug", key).status_code == 400


def test_a_representatives_application_names_the_mandate(form, jan):
    firm = f.party(SCHEMA, kind="legal", name="Stolarnia Sp. z o.o.", nip="5260250274")
    f.mandate(SCHEMA, jan, firm, scope="file")
    filed = _filed(form, jan, firm, pesel="92071314764")  # the form asks for a PESEL
    _client, key = api_client(SCHEMA, ["submissions"])
    detail = _get(f"wnioski/{filed.pk}/", key).json()
    assert detail["party"] == {"id": "5260250274", "id_type": "nip"}
    assert detail["mandate"]["representative"]["id_type"] == "pesel"
    assert detail["mandate"]["scope"] == "file"


def test_each_file_is_downloaded_with_the_key_only(form, jan):
    filed = _filed(form, jan)
    _client, key = api_client(SCHEMA, ["submissions"])
    files = _get(f"wnioski/{filed.pk}/", key).json()["files"]
    client = Client(HTTP_HOST=ZEMBRZYCE_HOST)
    for each in files:
        answer = client.get(each["download"], HTTP_AUTHORIZATION=f"ApiKey {key}",
                            HTTP_ACCEPT=each["content_type"])  # fmt: skip
        assert answer.status_code == 200, each
        assert answer["Content-Type"] == each["content_type"]
        assert answer["Cache-Control"] == "private, no-store"
        assert each["name"] in answer["Content-Disposition"]
        assert client.get(each["download"]).status_code == 401
    assert _get(f"wnioski/{filed.pk}/pliki/999999999/", key).status_code == 404


def test_a_draft_or_an_unpaid_application_is_not_the_offices(form, jan):
    with schema_context(SCHEMA):
        draft = start(form, jan.party, jan)
    _client, key = api_client(SCHEMA, ["submissions"])
    assert _get(f"wnioski/{draft.pk}/", key).status_code == 404
    assert all(each["id"] != draft.pk for each in _get("wnioski/", key).json()["results"])


@pytest.mark.parametrize("path", ["wnioski/", "wnioski/{id}/", "wnioski/{id}/pliki/{file}/",
                                  "zmiany/wnioski/"])  # fmt: skip
def test_every_submissions_endpoint_needs_its_scope(form, jan, path):
    filed = _filed(form, jan)
    _client, full = api_client(SCHEMA, ["submissions"])
    first = _get(f"wnioski/{filed.pk}/", full).json()["files"][0]["id"]
    url = path.format(id=filed.pk, file=first)
    _client, key = api_client(SCHEMA, ["finance", "cases", "parties", "access-requests"])
    refused = _get(url, key)
    assert refused.status_code == 403 and "submissions" in refused.json()["detail"]
    assert _get(url, None).status_code == 401
    assert _get(url, full).status_code == 200


def test_another_towns_key_or_id_finds_nothing(form, jan):
    filed = _filed(form, jan)
    _client, zembrzyce = api_client(SCHEMA, ["submissions"])
    _client, glogow = api_client("glogow", ["submissions"])
    first = _get(f"wnioski/{filed.pk}/", zembrzyce).json()["files"][0]["id"]
    for path in (f"wnioski/{filed.pk}/", f"wnioski/{filed.pk}/pliki/{first}/", "wnioski/"):
        assert _get(path, glogow).status_code == 401  # Głogów's key on Zembrzyce's host
    assert _get(f"wnioski/{filed.pk}/", glogow, GLOGOW_HOST).status_code == 404
    assert _get(f"wnioski/{filed.pk}/pliki/{first}/", glogow, GLOGOW_HOST).status_code == 404
    assert all(
        each["reference"] != filed.reference
        for each in _get("wnioski/", glogow, GLOGOW_HOST).json()["results"]
    )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.stop()


def test_filing_is_once_in_the_feed_and_a_signed_webhook(form, jan, receiver):
    client, key = api_client(
        SCHEMA,
        ["submissions"],
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        webhook_events=["submission.filed"],
    )
    _other, glogow = api_client("glogow", ["submissions"])
    start_at = _to_the_end(key)
    glogow_start = _to_the_end(glogow, GLOGOW_HOST)
    filed = _filed(form, jan)
    page = call(ZEMBRZYCE_HOST, "get", f"zmiany/wnioski/?since={start_at}", key).json()
    [item] = page["items"]
    assert item["event"] == "submission.filed"
    assert item["data"]["id"] == filed.pk and item["data"]["reference"] == filed.reference
    again = call(ZEMBRZYCE_HOST, "get", f"zmiany/wnioski/?since={page['next']}", key)
    assert again.json()["items"] == []
    with schema_context(SCHEMA):
        assert FeedEntry.objects.filter(event="submission.filed", object_id=filed.pk).count() == 1
        [delivery] = WebhookDelivery.objects.filter(
            client=client, event="submission.filed", object_id=filed.pk
        )
        assert deliver(delivery.pk)[0] == "delivered"
    [posted] = receiver.received
    assert posted["valid"] and posted["event"] == "submission.filed"
    assert json.loads(posted["body"])["data"] == item["data"]
    glogow_page = call(GLOGOW_HOST, "get", f"zmiany/wnioski/?since={glogow_start}", glogow)
    assert glogow_page.json()["items"] == []


def test_a_refused_submission_leaves_nothing_in_the_feed(form, jan):
    with schema_context(SCHEMA):
        draft = start(form, jan.party, jan)
        save_answers(draft, ANSWERS)
        with pytest.raises(AuthenticationRequired):
            submit(draft, None)
        assert not FeedEntry.objects.filter(event="submission.filed", object_id=draft.pk).exists()


# ---------------------------------------------------------------- an anonymous report


@pytest.fixture
def report(towns: Any) -> Submission:
    """A failure reported without logging in, with a photo: its documents stay with it."""
    form = published(SCHEMA, REPORT, anonymous=True)
    with schema_context(SCHEMA):
        draft = start(form, None, None)
        spec = definition_of(draft.revision).field("zdjecie")
        assert spec is not None
        attach(draft, spec, SimpleUploadedFile("awaria.jpg", JPEG))
        draft.refresh_from_db()
        save_answers(draft, {"miejsce": "ul. Polna 3", "zgoda": True})
        submit(draft, None)
        return Submission.objects.get(pk=draft.pk)


def test_an_anonymous_reports_documents_are_reachable_only_with_its_towns_key(report, towns):
    assert report.case_id is None and report.party_id is None
    _client, key = api_client(SCHEMA, ["submissions"])
    detail = _get(f"wnioski/{report.pk}/", key).json()
    assert detail["party"] is None and detail["case"] is None
    assert detail["answers"]["zdjecie"][0]["name"] == "awaria.jpg"
    files = {each["name"]: each for each in detail["files"]}
    assert "awaria.jpg" in files and any(name.endswith(".pdf") for name in files)
    photo = files["awaria.jpg"]
    assert _get(photo["download"].removeprefix("/api/v1/integracja/"), key).status_code == 200
    # Nobody else: no key, Głogów's key (on either host), a resident's phone or session.
    relative = photo["download"].removeprefix("/api/v1/integracja/")
    _other, glogow = api_client("glogow", ["submissions"])
    assert _get(relative, None).status_code == 401
    assert _get(relative, glogow).status_code == 401
    assert _get(relative, glogow, GLOGOW_HOST).status_code == 404
    ewa = mobile.resident_with_pin(SCHEMA)
    phone = mobile.api_client(ZEMBRZYCE_HOST, mobile.paired_token(SCHEMA, ewa))
    application = f"{mobile.API}/applications/{report.pk}/"
    assert phone.get(f"{application}documents/{photo['id']}/").status_code == 404
    assert phone.get(application).status_code == 404
    with schema_context(SCHEMA):
        stored = SubmissionFile.objects.get(pk=photo["id"])
    session = f.logged_in(SCHEMA, ZEMBRZYCE_HOST, ewa)
    assert session.get(f"/pliki/{stored.file.name}").status_code == 404
