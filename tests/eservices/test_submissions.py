"""An application from draft to case: pre-filled from the Party, answers kept, submitted
in a login.gov.pl session, recorded with its digest, and opened as a case the resident
sees at once; refused clearly (and nothing half-made) when it must not go on."""

from __future__ import annotations

import hashlib
import json

import pytest
from django_tenants.utils import schema_context

from eurzad.cases.models import Case
from eurzad.eservices.answers import FORM
from eurzad.eservices.models import Submission, definition_of
from eurzad.eservices.services import SubmissionRefused, save_answers, start, submit
from eurzad.identity.authentication import Authentication
from tests.conftest import ZEMBRZYCE_HOST
from tests.eservices.forms import published
from tests.eservices.waste import STEPS, field, step
from tests.finance import factories as f

PESEL = "92071314764"
LOGIN = Authentication("_a1b2c3", "http://eidas.europa.eu/LoA/substantial", "2026-12-07T09:15:00Z")
ANSWERS = {"metoda": "osoby", "osoby": "3", "kompostownik": "nie", "oswiadczenie": "on"}


@pytest.fixture
def form(towns):
    return published("zembrzyce")


@pytest.fixture
def jan(towns):
    own = f.party("zembrzyce", pesel=PESEL, first_name="Jan", last_name="Kowalski",
                  postal_code="34-210")  # fmt: skip
    return f.resident("zembrzyce", own)


def test_a_draft_is_filled_in_with_the_partys_data(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
    assert draft.answers == {"imie_nazwisko": "Jan Kowalski", "pesel": PESEL}
    assert draft.state == Submission.State.DRAFT and draft.revision == form.live_revision
    assert draft.expires_at is not None


def test_submitted_in_a_login_session_it_becomes_a_case_the_resident_sees(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        assert save_answers(draft, ANSWERS).errors == {}
        filed = submit(draft, LOGIN)
        submission = Submission.objects.get(pk=draft.pk)
        case = submission.case
        shown = (case.jrwa_symbol, case.status.name, case.party_id)
    assert not filed.needs_payment
    assert submission.state == Submission.State.SUBMITTED
    assert (submission.assertion_id, submission.authenticated_at) == (
        "_a1b2c3",
        "2026-12-07T09:15:00Z",
    )
    assert submission.answers["oplata"] == "96.00"  # 3 × 32,00, no composting
    assert shown == ("3115", "złożona", jan.party_id)
    assert case.external_id == submission.reference.replace(" ", "")
    page = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, jan).get("/konto/sprawy/")
    assert case.sign in page.content.decode()


def test_the_digest_is_sha256_of_the_canonical_json_of_what_was_filed(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        save_answers(draft, ANSWERS)
        submit(draft, LOGIN)
        submission = Submission.objects.get(pk=draft.pk)
    filed = {"answers": submission.answers, "form": "deklaracja-odpady", "party": PESEL,
             "revision": submission.revision_id}  # fmt: skip
    text = json.dumps(filed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert submission.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_draft_completes_on_its_own_version_after_a_new_one_is_published(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        required = step(
            field("text", "nr_dzialki", "Numer działki", required=True), title="Działka"
        )
        form.steps = json.dumps([*STEPS, required])
        form.save_revision().publish()
        form.refresh_from_db()
        assert definition_of(form.live_revision).field("nr_dzialki") is not None
        save_answers(draft, ANSWERS)
        submit(draft, LOGIN)  # version 1 has no "Numer działki"
        assert Submission.objects.get(pk=draft.pk).state == Submission.State.SUBMITTED


def test_a_tampered_version_or_a_field_not_in_the_form_is_refused(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        with pytest.raises(SubmissionRefused, match="Formularz zmienił się"):
            save_answers(draft, ANSWERS, revision_id=draft.revision_id + 1)
        checked = save_answers(draft, {**ANSWERS, "oplata_ulgowa": "0"})
        assert FORM in checked.errors


def test_incomplete_it_is_refused_with_the_fields_and_no_case_is_opened(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        save_answers(draft, {"metoda": "osoby"})
        with pytest.raises(SubmissionRefused) as refused:
            submit(draft, LOGIN)
        assert set(refused.value.errors) == {"osoby", "kompostownik", "oswiadczenie"}
        assert Submission.objects.get(pk=draft.pk).state == Submission.State.DRAFT
        assert not Case.objects.filter(party=jan.party).exists()


def test_without_a_login_gov_pl_session_it_is_refused(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        save_answers(draft, ANSWERS)
        with pytest.raises(SubmissionRefused, match=r"login\.gov\.pl"):
            submit(draft, None)
        assert Submission.objects.get(pk=draft.pk).state == Submission.State.DRAFT


def test_for_another_party_only_with_a_mandate_to_file(form, jan):
    firm = f.party("zembrzyce", kind="legal", name="Stolarnia Sp. z o.o.", nip="5260250274")
    with schema_context("zembrzyce"), pytest.raises(SubmissionRefused, match="upoważnienia"):
        start(form, firm, jan)
    f.mandate("zembrzyce", jan, firm, scope="pay")  # paying is not filing
    with schema_context("zembrzyce"), pytest.raises(SubmissionRefused, match="upoważnienia"):
        start(form, firm, jan)
    with schema_context("zembrzyce"):
        jan.mandates.update(scope="file")
        draft = start(form, firm, jan)
    assert draft.mandate is not None and draft.party == firm
    assert draft.answers == {"imie_nazwisko": "Stolarnia Sp. z o.o."}  # the firm's, not Jan's


def test_a_form_with_a_fee_waits_for_the_payment_and_opens_no_case(towns, jan):
    certificate = [step(
        field("text", "cel", "Cel wydania zaświadczenia", required=True),
        field("computed", "oplata_skarbowa", "Opłata skarbowa", formula="21", money=True),
    )]  # fmt: skip
    form = published("zembrzyce", certificate, fee_field="oplata_skarbowa")
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
        save_answers(draft, {"cel": "przetarg"})
        filed = submit(draft, LOGIN)
        submission = Submission.objects.get(pk=draft.pk)
    assert filed.needs_payment
    assert (submission.state, str(submission.fee), submission.case) == (
        "awaiting_payment",
        "21.00",
        None,
    )


def test_anonymous_only_where_the_form_allows_it(form, towns):
    with schema_context("zembrzyce"), pytest.raises(SubmissionRefused, match="zaloguj się"):
        start(form, None, None)


def test_another_towns_submissions_are_not_there(form, jan):
    with schema_context("zembrzyce"):
        draft = start(form, jan.party, jan)
    with schema_context("glogow"):
        assert not Submission.objects.filter(pk=draft.pk).exists()
