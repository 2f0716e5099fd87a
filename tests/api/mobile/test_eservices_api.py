"""E-services from the phone: the town's forms (each version's steps, fields and answers'
JSON Schema), a draft started, filled in and given attachments, submission refused
without a login.gov.pl login, a filed application's documents downloaded with the device
token; and everything that must not work: a tampered version, a field the form does not
have, a file that is not what it says, someone else's draft, a Party without a mandate,
another town — each refused with nothing half-made."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from api.models import FeedEntry
from eurzad.cases.models import Case
from eurzad.eservices.models import EServiceForm, Submission, SubmissionFile
from eurzad.eservices.services import save_answers, start, submit
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.identity.models import Resident
from eurzad.identity.pin import set_pin
from tests.api.mobile.helpers import API, PIN, api_client, paired_token, resident_with_pin
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.eservices.filing import LOGIN
from tests.eservices.forms import published
from tests.eservices.waste import STEPS, field, step
from tests.finance.factories import mandate, party
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    payments_server_fixture,
    world_fixture,
)

SCHEMA = "zembrzyce"
SLUG = "deklaracja-odpady"
FORMS = f"{API}/forms/"
APPLICATIONS = f"{API}/applications/"
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 2000
PHOTO_STEP = step(
    field("file", "zdjecie", "Zdjęcie", file_types=["jpg", "png"], max_mb=1, max_files=2),
    title="Zdjęcie",
)
COMPLETE = {"metoda": "osoby", "osoby": 3, "kompostownik": "nie", "oswiadczenie": True}


@pytest.fixture
def form(towns: Any) -> EServiceForm:
    return published(SCHEMA, [*STEPS, PHOTO_STEP])


@pytest.fixture
def ewa(towns: Any) -> Resident:
    return resident_with_pin(SCHEMA)


@pytest.fixture
def phone(ewa: Resident) -> Any:
    return api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))


def _started(phone: Any, query: str = "") -> dict:
    answer = phone.post(f"{FORMS}{SLUG}/applications/{query}")
    assert answer.status_code == 201, answer.content
    return answer.json()


def _patch(phone: Any, application: dict, answers: dict, revision: int | None = None) -> Any:
    body = {"revision": revision or application["revision"], "answers": answers}
    return phone.patch(f"{APPLICATIONS}{application['id']}/", body, content_type="application/json")


def _stored(pk: int) -> Submission:
    with schema_context(SCHEMA):
        return Submission.objects.get(pk=pk)


def _upload(phone: Any, application: dict, name: str, content: bytes, key: str = "zdjecie") -> Any:
    upload = SimpleUploadedFile(name, content)
    return phone.post(f"{APPLICATIONS}{application['id']}/files/", {"field": key, "file": upload})


# ---------------------------------------------------------------- the forms


def test_forms_list_the_live_ones_and_describe_the_live_version(form, towns):
    visitor = api_client(ZEMBRZYCE_HOST)  # the forms are public, as in the portal
    listed = visitor.get(FORMS).json()
    # The test's form among the town's own (the five every town gets).
    ours = [each for each in listed["results"] if each["slug"] == SLUG]
    assert len(ours) == 1 and ours[0]["revision"] == form.live_revision_id
    described = visitor.get(f"{FORMS}{SLUG}/").json()
    version = described["version"]
    assert version["revision"] == form.live_revision_id
    assert [each["title"] for each in version["steps"]][:2] == [
        "Składający",
        "Nieruchomość i opłata",
    ]
    fields = {each["key"]: each for each in version["steps"][1]["fields"]}
    assert fields["osoby"]["kind"] == "number" and fields["osoby"]["minimum"] == "1"
    assert fields["osoby"]["show_when"] == 'metoda == "osoby"'
    assert [c["value"] for c in fields["metoda"]["choices"]] == ["osoby", "woda"]
    assert fields["mieszkancy"]["fields"][1]["identifier"] == "pesel"
    assert "stawka_osoba" in fields["oplata"]["formula"] and fields["oplata"]["money"] is True
    assert version["constants"]["stawka_osoba"] == "32"
    assert version["schema"]["additionalProperties"] is False
    assert version["schema"]["properties"]["pesel"]["format"] == "pesel"
    assert visitor.get(f"{FORMS}nie-ma-takiego/").status_code == 404


def test_another_towns_form_is_not_there(form, towns):
    glogow = resident_with_pin("glogow")
    phone = api_client(GLOGOW_HOST, paired_token("glogow", glogow))
    assert phone.get(f"{FORMS}{SLUG}/").status_code == 404
    assert phone.post(f"{FORMS}{SLUG}/applications/").status_code == 404
    assert SLUG not in [each["slug"] for each in phone.get(FORMS).json()["results"]]
    with schema_context("glogow"):
        assert not Submission.objects.exists()


# ---------------------------------------------------------------- a draft


def test_a_draft_is_started_prefilled_filled_in_and_listed(form, ewa, phone):
    draft = _started(phone)
    assert draft["state"] == "draft" and draft["party"] == ewa.party_id
    assert draft["answers"] == {"imie_nazwisko": ewa.party.display_name, "pesel": ewa.party.pesel}
    assert {"metoda", "kompostownik", "oswiadczenie"} <= set(draft["errors"])
    assert draft["version"]["revision"] == draft["revision"] == form.live_revision_id
    saved = _patch(phone, draft, COMPLETE)
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["errors"] == {} and body["computed"] == {"oplata": "96.00"}
    assert _stored(draft["id"]).answers["osoby"] == 3
    listed = phone.get(APPLICATIONS).json()["results"]
    assert [(each["id"], each["state"]) for each in listed] == [(draft["id"], "draft")]


def test_wrong_values_are_kept_and_reported_by_field_path(form, phone):
    draft = _started(phone)
    answer = _patch(phone, draft, {"mieszkancy": [{"imie": "Jan", "pesel": "12345678901"}],
                                   "osoby": 99, "metoda": "osoby"})  # fmt: skip
    assert answer.status_code == 200
    errors = answer.json()["errors"]
    assert "PESEL" in errors["mieszkancy.0.pesel"][0]
    assert "od 1 do 30" in errors["osoby"][0]
    assert _stored(draft["id"]).answers["osoby"] == 99  # what was typed is not lost


def test_a_tampered_version_is_409_and_nothing_is_saved(form, phone):
    draft = _started(phone)
    before = _stored(draft["id"]).answers
    answer = _patch(phone, draft, COMPLETE, revision=draft["revision"] + 1)
    assert answer.status_code == 409
    assert answer["Content-Type"] == "application/problem+json"
    assert "Formularz zmienił się" in answer.json()["detail"]
    assert _stored(draft["id"]).answers == before


@pytest.mark.parametrize(
    ("answers", "path"),
    [({"oplata_ulgowa": "0"}, "oplata_ulgowa"), ({"oplata": "1.00"}, "oplata")],
)
def test_a_field_not_in_the_form_or_a_computed_one_is_400_and_nothing_is_saved(
    form, phone, answers, path
):
    draft = _started(phone)
    before = _stored(draft["id"]).answers
    answer = _patch(phone, draft, {**COMPLETE, **answers})
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [path]
    assert _stored(draft["id"]).answers == before


@pytest.mark.parametrize(
    "body",
    [{"answers": {}}, {"revision": "x", "answers": {}}, {"revision": 1, "answers": []},
     {"revision": 1, "answers": {"osoby": "3\x00"}}],
)  # fmt: skip
def test_a_malformed_body_is_400_naming_the_field(form, phone, body):
    draft = _started(phone)
    answer = phone.patch(f"{APPLICATIONS}{draft['id']}/", body, content_type="application/json")
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) & {"revision", "answers"}


def test_submitting_from_the_phone_needs_login_gov_pl_and_files_nothing(form, ewa, phone):
    draft = _started(phone)
    incomplete = phone.post(f"{APPLICATIONS}{draft['id']}/submit/")
    assert incomplete.status_code == 400
    assert {"metoda", "kompostownik", "oswiadczenie"} <= set(incomplete.json()["errors"])
    _patch(phone, draft, COMPLETE)
    refused = phone.post(f"{APPLICATIONS}{draft['id']}/submit/")
    assert refused.status_code == 403
    body = refused.json()
    assert body["type"].endswith("/login-gov-pl-required")
    assert "login.gov.pl" in body["detail"]
    assert body["portal_url"].endswith(f"/e-uslugi/wniosek/{draft['id']}/podsumowanie/")
    english = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa), language="en")
    assert "login.gov.pl" in english.post(f"{APPLICATIONS}{draft['id']}/submit/").json()["detail"]
    submission = _stored(draft["id"])
    assert (submission.state, submission.reference, submission.case_id) == ("draft", "", None)
    with schema_context(SCHEMA):
        assert not FeedEntry.objects.filter(event="submission.filed").exists()


def test_a_draft_is_deleted_with_its_files(form, phone):
    draft = _started(phone)
    assert _upload(phone, draft, "zdjecie.jpg", JPEG).status_code == 201
    assert phone.delete(f"{APPLICATIONS}{draft['id']}/").status_code == 204
    with schema_context(SCHEMA):
        assert not Submission.objects.filter(pk=draft["id"]).exists()
        assert not SubmissionFile.objects.filter(submission_id=draft["id"]).exists()


# ---------------------------------------------------------------- attachments


def test_a_photo_is_attached_downloaded_and_detached(form, phone):
    draft = _started(phone)
    added = _upload(phone, draft, "awaria.jpg", JPEG)
    assert added.status_code == 201, added.content
    attached = added.json()
    assert (attached["field"], attached["name"], attached["size"]) == (
        "zdjecie",
        "awaria.jpg",
        2004,
    )
    detail = phone.get(f"{APPLICATIONS}{draft['id']}/").json()
    assert detail["answers"]["zdjecie"] == [attached["token"]]
    assert [each["id"] for each in detail["attachments"]] == [attached["id"]]
    downloaded = phone.get(attached["url"])
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == "image/jpeg"
    assert b"".join(downloaded.streaming_content) == JPEG
    assert downloaded["Cache-Control"] == "private, no-store"
    assert api_client(ZEMBRZYCE_HOST).get(attached["url"]).status_code == 401
    gone = phone.delete(f"{APPLICATIONS}{draft['id']}/files/{attached['token']}/")
    assert gone.status_code == 204
    assert "zdjecie" not in _stored(draft["id"]).answers
    assert phone.get(attached["url"]).status_code == 404
    assert (
        phone.delete(f"{APPLICATIONS}{draft['id']}/files/{attached['token']}/").status_code == 404
    )


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("zdjecie.jpg", b"MZ\x90\x00 to nie jest JPEG" * 10, "zdjecie"),  # content not a JPEG
        ("dokument.pdf", b"%PDF-1.7\n" + b"0" * 100, "zdjecie"),  # a type the field refuses
        ("program.exe", b"MZ\x90\x00" * 10, "zdjecie"),
        ("zdjecie.jpg", JPEG, "osoby"),  # not a file field
        ("zdjecie.jpg", JPEG, "nie_ma_pola"),
        ("zdjecie.jpg", b"\xff\xd8\xff" + b"0" * (1024 * 1024), "zdjecie"),  # above 1 MB
    ],
)
def test_a_wrong_file_is_400_and_nothing_is_kept(form, phone, name, content, key):
    draft = _started(phone)
    answer = _upload(phone, draft, name, content, key)
    assert answer.status_code == 400, answer.content
    assert set(answer.json()["errors"]) & {"file", "field"}
    with schema_context(SCHEMA):
        assert not SubmissionFile.objects.filter(submission_id=draft["id"]).exists()
    assert "zdjecie" not in _stored(draft["id"]).answers


def test_a_file_sent_as_json_is_415(form, phone):
    draft = _started(phone)
    answer = phone.post(f"{APPLICATIONS}{draft['id']}/files/", {"field": "zdjecie"},
                        content_type="application/json")  # fmt: skip
    assert answer.status_code == 415


# ---------------------------------------------------------------- whose application


def test_another_partys_draft_is_not_found(form, phone):
    draft = _started(phone)
    adam = resident_with_pin(SCHEMA)
    stranger = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, adam))
    url = f"{APPLICATIONS}{draft['id']}/"
    assert stranger.get(url).status_code == 404
    assert _patch(stranger, draft, {"osoby": 5}).status_code == 404
    assert stranger.delete(url).status_code == 404
    assert stranger.post(f"{url}submit/").status_code == 404
    assert stranger.post(f"{url}fee-payment/").status_code == 404
    assert _upload(stranger, draft, "zdjecie.jpg", JPEG).status_code == 404
    assert stranger.get(APPLICATIONS).json()["results"] == []
    assert "osoby" not in _stored(draft["id"]).answers
    with schema_context(SCHEMA):
        assert not SubmissionFile.objects.exists()


def test_acting_for_a_party_needs_a_mandate_to_file(form, ewa, phone):
    firm = party(SCHEMA, kind="legal", name="Stolarnia Sp. z o.o.", nip="5260250274")
    for_firm = f"?strona_id={firm.pk}"
    refused = phone.post(f"{FORMS}{SLUG}/applications/{for_firm}")
    assert refused.status_code == 403 and refused.json()["type"].endswith("/not-represented")
    mandate(SCHEMA, ewa, firm, scope="pay")  # paying is not filing
    refused = phone.post(f"{FORMS}{SLUG}/applications/{for_firm}")
    assert refused.status_code == 403 and refused.json()["type"].endswith("/file-scope-required")
    with schema_context(SCHEMA):
        assert not Submission.objects.filter(party=firm).exists()
        ewa.mandates.update(scope="file")
    draft = _started(phone, for_firm)
    assert draft["party"] == firm.pk and draft["answers"] == {"imie_nazwisko": firm.display_name}
    assert phone.get(f"{APPLICATIONS}{draft['id']}/").status_code == 404  # not Ewa's own
    assert phone.get(f"{APPLICATIONS}{draft['id']}/{for_firm}").status_code == 200
    added = phone.post(
        f"{APPLICATIONS}{draft['id']}/files/{for_firm}",
        {"field": "zdjecie", "file": SimpleUploadedFile("stolarnia.jpg", JPEG)},
    )
    assert added.status_code == 201
    assert added.json()["url"].endswith(f"?strona_id={firm.pk}")
    assert phone.get(added.json()["url"]).status_code == 200
    with schema_context(SCHEMA):
        ewa.mandates.update(scope="view")  # the mandate narrowed: the draft stays, unchanged
    narrowed = phone.patch(
        f"{APPLICATIONS}{draft['id']}/{for_firm}",
        {"revision": draft["revision"], "answers": COMPLETE},
        content_type="application/json",
    )
    assert narrowed.status_code == 403
    assert "metoda" not in _stored(draft["id"]).answers


def test_a_zembrzyce_token_or_application_means_nothing_in_glogow(form, phone):
    draft = _started(phone)
    assert (
        api_client(GLOGOW_HOST, phone.defaults["HTTP_AUTHORIZATION"].split()[1])
        .get(APPLICATIONS)
        .status_code
        == 401
    )
    glogow = api_client(GLOGOW_HOST, paired_token("glogow", resident_with_pin("glogow")))
    assert glogow.get(f"{APPLICATIONS}{draft['id']}/").status_code == 404
    assert glogow.post(f"{APPLICATIONS}{draft['id']}/submit/").status_code == 404


# ---------------------------------------------------------------- filed


def _filed(form: EServiceForm, who: Resident) -> Submission:
    """Filed in the portal (a login.gov.pl session), as the phone cannot."""
    with schema_context(SCHEMA):
        draft = start(form, who.party, who)
        assert save_answers(draft, COMPLETE).errors == {}
        submit(draft, LOGIN)
        return Submission.objects.get(pk=draft.pk)


def test_a_filed_application_shows_its_case_and_documents_to_download(form, ewa, phone):
    filed = _filed(form, ewa)
    detail = phone.get(f"{APPLICATIONS}{filed.pk}/").json()
    assert (detail["state"], detail["reference"]) == ("submitted", filed.reference)
    assert detail["case"] == filed.case_id and detail["errors"] == {}
    assert detail["attachments"] == []
    names = [document["name"] for document in detail["documents"]]
    reference = filed.reference.replace("/", "-")
    assert [f"{reference}.pdf", f"{reference}.xml", f"{reference}.json"] == names[:3]
    pdf = phone.get(detail["documents"][0]["url"], HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    adam = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, resident_with_pin(SCHEMA)))
    assert adam.get(detail["documents"][0]["url"]).status_code == 404
    assert phone.get(f"{APPLICATIONS}{filed.pk}/documents/999999999/").status_code == 404
    # A filed application is not a draft any more: nothing changes it, nothing deletes it.
    assert _patch(phone, detail, {"osoby": 4}).status_code == 409
    assert phone.delete(f"{APPLICATIONS}{filed.pk}/").status_code == 409
    assert phone.post(f"{APPLICATIONS}{filed.pk}/submit/").status_code == 409
    assert phone.post(f"{APPLICATIONS}{filed.pk}/fee-payment/").status_code == 409
    with schema_context(SCHEMA):
        assert Case.objects.filter(party=ewa.party).count() == 1


# ---------------------------------------------------------------- the fee


FEE_SLUG = "zaswiadczenie-api-oplata"
FEE_STEPS = [
    step(
        field("number", "egzemplarze", "Liczba egzemplarzy", minimum=1, maximum=5, required=True),
        field("computed", "oplata", "Opłata skarbowa", money=True, formula="egzemplarze * 21"),
        title="Zaświadczenie",
    )
]


@pytest.fixture
def certificate(world: Any) -> Iterator[EServiceForm]:
    with schema_context(SCHEMA):
        form = EServiceForm(
            name="Zaświadczenie (test API)", slug=FEE_SLUG, jrwa_symbol="3120",
            case_subject="Wydanie zaświadczenia", steps=json.dumps(FEE_STEPS),
            fee_field="oplata", fee_title="Opłata skarbowa", live=False,
        )  # fmt: skip
        form.save()
        form.save_revision().publish()
        form.refresh_from_db()
    yield form
    with schema_context(SCHEMA):
        Submission.objects.filter(form__slug=FEE_SLUG).delete()
        EServiceForm.objects.filter(slug=FEE_SLUG).delete()


@pytest.mark.slow
def test_the_fee_of_an_application_is_paid_from_the_phone(payments_server, world, certificate):
    debtor = world.debtor(SCHEMA, ("1.00",))
    with schema_context(SCHEMA):
        set_pin(debtor.resident, PIN)
        config = GatewayConfig.objects.get(gateway="przelewy24", enabled=True)
        draft = start(certificate, debtor.party, debtor.resident)
        save_answers(draft, {"egzemplarze": 2})
        assert submit(draft, LOGIN).needs_payment
    phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, debtor.resident))
    waiting = phone.get(f"{APPLICATIONS}{draft.pk}/").json()
    assert (waiting["state"], waiting["fee"]) == ("awaiting_payment", "42.00")
    answer = phone.post(f"{APPLICATIONS}{draft.pk}/fee-payment/")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "pending" and body["amount"] == "42.00"
    assert body["redirect_url"].startswith(config.api_base_url.rstrip("/") + "/")
    assert phone.get(f"{API}/payments/intents/{body['id']}/").json()["status"] == "pending"
