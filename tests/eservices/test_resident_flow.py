"""The resident's pages: start a form from the list, go through its steps (errors shown
and nothing typed lost), add rows and files, save a draft, see the summary, submit; the
application then shows its case. Another Party's or another town's application is not
found."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from eurzad.eservices.models import Submission, SubmissionFile
from eurzad.identity.authentication import SESSION_KEY
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.eservices.forms import published
from tests.eservices.waste import STEPS, field, step
from tests.finance import factories as f

PESEL = "92071314764"
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 2000
LOGIN = {
    "assertion_id": "_flow1",
    "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
    "authenticated_at": "2026-12-08T08:00:00Z",
}
PHOTO_STEP = step(
    field("file", "zdjecie", "Zdjęcie", file_types=["jpg", "png"], max_mb=1, max_files=2),
    title="Zdjęcie",
)


@pytest.fixture
def form(towns):
    return published("zembrzyce", [*STEPS, PHOTO_STEP])


@pytest.fixture
def jan(towns):
    own = f.party("zembrzyce", pesel=PESEL, first_name="Jan", last_name="Kowalski")
    return f.resident("zembrzyce", own)


@pytest.fixture
def client(jan):
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, jan)
    client.get("/konto/")
    session = client.session
    session[SESSION_KEY] = LOGIN
    session.save()
    return client


def _draft() -> Submission:
    with schema_context("zembrzyce"):
        return Submission.objects.get()


def test_the_list_and_the_form_page_offer_the_form(form, client):
    listed = client.get("/e-uslugi/").content.decode()
    assert "/e-uslugi/deklaracja-odpady/" in listed
    page = client.get("/e-uslugi/deklaracja-odpady/").content.decode()
    assert "Rozpocznij" in page and "Nieruchomość i opłata" in page


def test_a_visitor_is_asked_to_log_in_for_a_form_that_needs_it(form, towns):
    from tests.conftest import host_client

    visitor = host_client(ZEMBRZYCE_HOST)
    page = visitor.get("/e-uslugi/deklaracja-odpady/").content.decode()
    assert "Zaloguj się, aby złożyć wniosek" in page
    started = visitor.post("/e-uslugi/deklaracja-odpady/")
    assert started.status_code == 302 and started["Location"].startswith("/logowanie/")
    with schema_context("zembrzyce"):
        assert not Submission.objects.exists()


def test_through_the_steps_to_a_case(form, client):
    started = client.post("/e-uslugi/deklaracja-odpady/")
    draft = _draft()
    assert started["Location"] == f"/e-uslugi/wniosek/{draft.pk}/krok/1/"
    first = client.get(started["Location"]).content.decode()
    assert 'value="Jan Kowalski"' in first and 'aria-current="step"' in first
    assert "Krok 1 z 4" in first
    revision = str(draft.revision_id)
    moved = client.post(started["Location"], {"revision": revision, "action": "next",
                        "imie_nazwisko": "Jan Kowalski", "pesel": PESEL})  # fmt: skip
    assert moved["Location"] == f"/e-uslugi/wniosek/{draft.pk}/krok/2/"
    # An error: shown in the summary with a link to its field, what was typed kept.
    step2 = f"/e-uslugi/wniosek/{draft.pk}/krok/2/"
    typed = {"revision": revision, "action": "next", "metoda": "osoby", "osoby": "abc",
             "kompostownik": "nie", "mieszkancy.__rows": "0"}  # fmt: skip
    wrong = client.post(step2, typed)
    page = wrong.content.decode()
    assert wrong.status_code == 200 and 'class="error-summary"' in page
    assert 'href="#f-osoby"' in page and 'value="abc"' in page and 'aria-invalid="true"' in page
    # A row of the group added, then filled in.
    added = client.post(step2, {"revision": revision, "action": "add:mieszkancy", "metoda": "osoby",
                        "osoby": "2", "kompostownik": "tak", "mieszkancy.__rows": "0"})  # fmt: skip
    assert added.status_code == 302
    assert 'name="mieszkancy.0.imie"' in client.get(step2).content.decode()
    done = client.post(step2, {"revision": revision, "action": "next", "metoda": "osoby",
                       "osoby": "2", "kompostownik": "tak", "mieszkancy.__rows": "1",
                       "mieszkancy.0.imie": "Anna", "mieszkancy.0.pesel": ""})  # fmt: skip
    assert done["Location"].endswith("/krok/3/")
    client.post(f"/e-uslugi/wniosek/{draft.pk}/krok/3/", {"revision": revision, "action": "next",
                "oswiadczenie": "on"})  # fmt: skip
    # A file: the wrong kind refused, a photo kept privately.
    step4 = f"/e-uslugi/wniosek/{draft.pk}/krok/4/"
    not_a_photo = SimpleUploadedFile("a.jpg", b"MZ\x90\x00binary")
    refused = client.post(step4, {"revision": revision, "action": "upload",
                                  "zdjecie.upload": not_a_photo})  # fmt: skip
    assert "zawartość pliku nie jest plikiem JPG" in refused.content.decode()
    client.post(step4, {"revision": revision, "action": "upload",
                "zdjecie.upload": SimpleUploadedFile("latarnia.jpg", JPEG)})  # fmt: skip
    with schema_context("zembrzyce"):
        stored = SubmissionFile.objects.get()
        assert not stored.file.url.startswith("/media/")
    to_summary = client.post(
        step4, {"revision": revision, "action": "next", "zdjecie": stored.token}
    )
    assert to_summary["Location"] == f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/"
    summary = client.get(to_summary["Location"]).content.decode()
    assert "Sprawdź wniosek przed złożeniem" in summary and "latarnia.jpg" in summary
    assert "60,00 zł" in summary and "Anna" in summary  # 2 × 32 − 2 × 2 (composting)
    filed = client.post(to_summary["Location"])
    assert filed["Location"] == f"/e-uslugi/wniosek/{draft.pk}/"
    page = client.get(filed["Location"]).content.decode()
    submission = _draft()
    assert submission.state == Submission.State.SUBMITTED and submission.case_id
    assert submission.reference in page and submission.case.sign in page
    assert submission.assertion_id == "_flow1"
    # Its documents, in its case: the PDF, both copies, the signed receipt, the photo.
    with schema_context("zembrzyce"):
        titles = list(submission.case.documents.values_list("title", flat=True))
        assert not SubmissionFile.objects.exists()  # the photo is the case's now
        assert submission.answers["zdjecie"][0]["name"] == "latarnia.jpg"
    assert len(titles) == 6 and "Załącznik: latarnia.jpg" in titles
    assert f"Wniosek {submission.reference}" in titles
    assert "Urzędowe poświadczenie przedłożenia (UPP)" in titles
    assert "Urzędowe poświadczenie przedłożenia (UPP)" in page
    assert "Moje wnioski" in client.get("/konto/wnioski/").content.decode()


def test_a_step_with_conditional_fields_asks_for_its_required_answers(form, client):
    """Step 2 shows a field only for one answer of another (its formulas are read from
    the form again on saving): "Dalej" with required answers missing stays on the step."""
    client.post("/e-uslugi/deklaracja-odpady/")
    draft = _draft()
    step2 = f"/e-uslugi/wniosek/{draft.pk}/krok/2/"
    missing = {"revision": str(draft.revision_id), "action": "next", "metoda": "osoby",
               "kompostownik": "", "mieszkancy.__rows": "0"}  # fmt: skip
    page = client.post(step2, missing)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'href="#f-osoby"' in text and 'href="#f-kompostownik"' in text


def test_save_and_come_back_from_my_applications(form, client):
    client.post("/e-uslugi/deklaracja-odpady/")
    draft = _draft()
    saved = client.post(f"/e-uslugi/wniosek/{draft.pk}/krok/1/", {
        "revision": str(draft.revision_id), "action": "save", "imie_nazwisko": "Jan K.",
        "pesel": PESEL})  # fmt: skip
    assert saved["Location"] == "/konto/wnioski/"
    mine = client.get("/konto/wnioski/").content.decode()
    assert "Wersja robocza" in mine and f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/" in mine
    assert _draft().answers["imie_nazwisko"] == "Jan K."


def test_another_partys_or_towns_application_is_not_found(form, client, towns):
    client.post("/e-uslugi/deklaracja-odpady/")
    draft = _draft()
    other = f.resident("zembrzyce", f.party("zembrzyce", first_name="Ewa"))
    stranger = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, other)
    for path in ("krok/1/", "podsumowanie/", ""):
        assert stranger.get(f"/e-uslugi/wniosek/{draft.pk}/{path}").status_code == 404
    assert stranger.post(f"/e-uslugi/wniosek/{draft.pk}/usun/").status_code == 404
    glogow = f.logged_in(
        "glogow", GLOGOW_HOST, f.resident("glogow", f.party("glogow", pesel=PESEL))
    )
    assert glogow.get(f"/e-uslugi/wniosek/{draft.pk}/krok/1/").status_code == 404
    assert glogow.get("/e-uslugi/deklaracja-odpady/").status_code == 404
    assert _draft().pk == draft.pk


def test_english_pages_use_the_forms_own_english(towns, client):
    """The shipped general letter has English names; the page's language picks them."""
    english = client.get("/en/e-uslugi/pismo-ogolne/").content.decode()
    assert "General letter to the office" in english and "Start" in english
    client.post("/en/e-uslugi/pismo-ogolne/")
    with schema_context("zembrzyce"):
        draft = Submission.objects.filter(form__slug="pismo-ogolne").get()
    step = client.get(f"/en/e-uslugi/wniosek/{draft.pk}/krok/1/").content.decode()
    assert "Step 1 of" in step
    polish = client.get(f"/e-uslugi/wniosek/{draft.pk}/krok/1/").content.decode()
    assert "Krok 1 z" in polish
