"""Odpowiedz urzędowi (/konto/sprawy/<id>/odpowiedz/): when the office waits for the
Party, the resident answers with a text and up to five files; they become the case's
incoming letters (private files), the Party's people and the case's clerks are told, the
office's request is cleared and the history notes the reply. Anything else — a case the
office does not wait on, a closed case, another Party's or another town's case, a
view-only mandate, the demo account, bad files — creates nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context
from pypdf import PdfReader

from eurzad.cases import services
from eurzad.cases.models import Case, CaseDocument, CaseStatusChange
from eurzad.cases.replies import ReplyRefused, clerks_to_notify
from eurzad.cases.services import reply_to_office
from eurzad.identity.acting import ACTING_PARTY_KEY
from eurzad.identity.models import Resident
from eurzad.notifications.models import Notification
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance import factories as f

OWN_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
FIRM_NIP = "9471682535"
JAN_PESEL = "44051401359"
PDF = b"%PDF-1.4\n% mapa do celow projektowych\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _file(name: str, content: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def anna(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL))


@pytest.fixture
def client(anna):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


@pytest.fixture
def clerk(towns):
    """A clerk of the town's "Sprawy" group (who may change cases)."""
    with schema_context("zembrzyce"):
        user = get_user_model().objects.create_user(
            username="referent-sprawy", email="referent@zembrzyce.example", password="x"
        )
        user.groups.add(Group.objects.get(name="Sprawy"))
    return user


@pytest.fixture
def waiting(anna):
    return c.case("zembrzyce", anna.party, status="wezwanie", resident_action="Doślij mapę.")


def _act_for(client, party) -> None:
    client.get("/konto/")  # the logged-in session exists from here on
    session = client.session
    session[ACTING_PARTY_KEY] = party.pk
    session.save()


def _documents(case: Case) -> list[CaseDocument]:
    with schema_context("zembrzyce"):
        return list(case.documents.order_by("pk"))


def _notifications(user, reason: str) -> list[Notification]:
    with schema_context("zembrzyce"):
        return list(Notification.objects.filter(recipient=user, reason=reason))


def _nothing_created(case: Case, action: str = "Doślij mapę.") -> None:
    with schema_context("zembrzyce"):
        case.refresh_from_db()
        assert not case.documents.exists()
        assert not CaseStatusChange.objects.filter(case=case).exists()
        assert not Notification.objects.filter(
            reason__in=["case_letter", "case_reply_received"], link__contains=f"/{case.pk}/"
        ).exists()
    assert case.resident_action == action


def _reply(client, case: Case, text: str = "W załączeniu mapa.", *files):
    data = {"text": text}
    if files:
        data["attachments"] = list(files)
    return client.post(f"/konto/sprawy/{case.pk}/odpowiedz/", data)


def test_reply_with_text_and_attachment_lands_in_the_case_and_is_told(anna, client, clerk, waiting):
    response = _reply(client, waiting, "Przesyłam mapę.\nZ poważaniem", _file("mapa.pdf"))
    assert response.status_code == 302
    assert response["Location"] == f"/konto/sprawy/{waiting.pk}/#documents-heading"

    letter, attachment = _documents(waiting)
    today = timezone.localdate()
    for document in (letter, attachment):
        assert document.direction == CaseDocument.Direction.INCOMING
        assert document.channel == CaseDocument.Channel.PORTAL
        assert document.delivery == CaseDocument.Delivery.RECEIVED
        assert document.dated == today
        # A private file: its one authorised download path, stored outside MEDIA_ROOT.
        assert document.attachment.url.startswith("/pliki/pisma/")
        assert "/media/" not in document.attachment.url
        with schema_context("zembrzyce"):
            path = Path(document.attachment.path)
        assert Path(settings.PRIVATE_FILES_ROOT) in path.parents
        assert Path(settings.MEDIA_ROOT) not in path.parents
    assert letter.title == f"Odpowiedź na wezwanie z {today:%d.%m.%Y}"
    assert attachment.title == "Załącznik do odpowiedzi: mapa.pdf"
    assert attachment.attachment_name == "mapa.pdf"
    with schema_context("zembrzyce"):
        assert attachment.attachment.read() == PDF
        pdf = letter.attachment.read()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Przesyłam mapę." in text and waiting.sign in text
    assert "mapa.pdf" in text and "Anna Nowak" in text

    with schema_context("zembrzyce"):
        waiting.refresh_from_db()
        (note,) = CaseStatusChange.objects.filter(case=waiting)
    assert waiting.resident_action == ""
    assert note.note == "Wpłynęła odpowiedź mieszkańca" and note.status_id == waiting.status_id

    # The resident: once, that the office received the letter.
    (told,) = _notifications(anna.user, "case_letter")
    assert told.subject == f"Urząd otrzymał pismo w sprawie {waiting.sign}"
    # The clerk: by e-mail through the outbox, with a link to the case in the admin.
    (clerk_told,) = _notifications(clerk, "case_reply_received")
    assert clerk_told.email_to == "referent@zembrzyce.example"
    assert waiting.sign in clerk_told.subject
    assert "Anna Nowak" in clerk_told.body and "Załączniki: 1." in clerk_told.body
    assert clerk_told.link == f"/admin/cases/case/edit/{waiting.pk}/"

    html = _html(client.get(f"/konto/sprawy/{waiting.pk}/"))
    assert letter.title in html and attachment.title in html
    assert "Wysłaliśmy Twoją odpowiedź do urzędu." in html


def test_reply_with_text_only_is_one_letter(anna, client, clerk, waiting):
    assert _reply(client, waiting, "Nie mam więcej dokumentów.").status_code == 302
    (letter,) = _documents(waiting)
    assert letter.title.startswith("Odpowiedź na wezwanie z ")
    (clerk_told,) = _notifications(clerk, "case_reply_received")
    assert "Załączniki: 0." in clerk_told.body


def test_the_case_page_offers_the_reply_only_when_the_office_waits(anna, client):
    waiting = c.case("zembrzyce", anna.party, status="wezwanie")
    asked = c.case("zembrzyce", anna.party, status="w-toku", resident_action="Podpisz wniosek.")
    running = c.case("zembrzyce", anna.party, status="w-toku")
    closed = c.case("zembrzyce", anna.party, status="zakonczona", resident_action="Stare.")
    for case, offered in ((waiting, True), (asked, True), (running, False), (closed, False)):
        html = _html(client.get(f"/konto/sprawy/{case.pk}/"))
        assert (f'href="/konto/sprawy/{case.pk}/odpowiedz/"' in html) is offered, case.status_id

    form = _html(client.get(f"/konto/sprawy/{waiting.pk}/odpowiedz/"))
    assert 'enctype="multipart/form-data"' in form
    assert 'name="text"' in form and 'name="attachments"' in form and "multiple" in form
    assert 'accept=".pdf,application/pdf,.jpg,image/jpeg,.png,image/png' in form
    refused = _html(client.get(f"/konto/sprawy/{running.pk}/odpowiedz/"))
    assert 'name="text"' not in refused
    assert "Urząd nie czeka teraz na Twoją odpowiedź w tej sprawie." in refused


@pytest.mark.parametrize(
    ("status", "action"),
    [("w-toku", ""), ("zakonczona", "Doślij mapę."), ("umorzona", "")],
    ids=["not-waiting", "closed", "closed-other"],
)
def test_a_case_the_office_does_not_wait_on_refuses_the_reply(anna, client, status, action):
    case = c.case("zembrzyce", anna.party, status=status, resident_action=action)
    response = _reply(client, case, "Odpowiedź.", _file("mapa.pdf"))
    assert response.status_code == 302 and response["Location"] == f"/konto/sprawy/{case.pk}/"
    _nothing_created(case, action)
    html = _html(client.get(response["Location"]))
    assert "Urząd nie czeka teraz na Twoją odpowiedź w tej sprawie." in html


def test_a_closed_case_refuses_even_with_a_request_left_on_it(anna, client):
    case = c.case("zembrzyce", anna.party, status="wezwanie", resident_action="Doślij mapę.")
    with schema_context("zembrzyce"):
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate())
    assert _reply(client, case).status_code == 302
    _nothing_created(case)


def test_another_partys_case_answers_404(anna, client):
    other = f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")
    foreign = c.case("zembrzyce", other, status="wezwanie", resident_action="Doślij mapę.")
    assert client.get(f"/konto/sprawy/{foreign.pk}/odpowiedz/").status_code == 404
    assert _reply(client, foreign).status_code == 404
    _nothing_created(foreign)


def test_a_case_of_another_town_answers_404(towns):
    """Jan Kowalski is known in both towns: on Głogów's host he cannot answer in a
    Zembrzyce case by its id."""
    with schema_context("zembrzyce"):
        from eurzad.parties.models import Party

        jan_z = Party.objects.get(pesel=JAN_PESEL)
    z_case = c.case("zembrzyce", jan_z, status="wezwanie", resident_action="Doślij mapę.")
    with schema_context("glogow"):
        jan = Resident.objects.select_related("party").get(party__pesel=JAN_PESEL)
        Case.objects.filter(pk=z_case.pk).delete()  # no Głogów case of that id either
    client = f.logged_in("glogow", GLOGOW_HOST, jan)
    assert client.get(f"/konto/sprawy/{z_case.pk}/odpowiedz/").status_code == 404
    assert _reply(client, z_case).status_code == 404
    _nothing_created(z_case)


def test_a_view_only_mandate_may_read_the_case_but_not_answer(anna, client):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Sp. z o.o.", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm, scope="pay")
    case = c.case("zembrzyce", firm, status="wezwanie", resident_action="Doślij mapę.")
    _act_for(client, firm)
    html = _html(client.get(f"/konto/sprawy/{case.pk}/"))
    assert f"/konto/sprawy/{case.pk}/odpowiedz/" not in html
    page = _html(client.get(f"/konto/sprawy/{case.pk}/odpowiedz/"))
    assert "Nie masz upoważnienia do wysyłania pism" in page and 'name="text"' not in page
    assert _reply(client, case).status_code == 302
    _nothing_created(case)


def test_a_mandate_to_file_answers_for_the_firm(anna, client, clerk):
    firm = f.party("zembrzyce", kind="legal", name="Tartak Sp. z o.o.", nip=FIRM_NIP)
    f.mandate("zembrzyce", anna, firm, scope="file")
    case = c.case("zembrzyce", firm, status="wezwanie", resident_action="Doślij mapę.")
    _act_for(client, firm)
    assert f"/konto/sprawy/{case.pk}/odpowiedz/" in _html(client.get(f"/konto/sprawy/{case.pk}/"))
    assert _reply(client, case, "Mapa w załączeniu.", _file("mapa.png", PNG)).status_code == 302
    letter, attachment = _documents(case)
    with schema_context("zembrzyce"):
        pdf = letter.attachment.read()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Tartak Sp. z o.o." in text and "Anna Nowak, pełnomocnik strony" in text
    assert attachment.title == "Załącznik do odpowiedzi: mapa.png"
    (clerk_told,) = _notifications(clerk, "case_reply_received")
    assert "Tartak Sp. z o.o." in clerk_told.body


def test_the_demo_account_may_look_but_sends_nothing(towns):
    demo = f.resident("zembrzyce", f.party("zembrzyce", pesel=OWN_PESEL), is_demo=True)
    case = c.case("zembrzyce", demo.party, status="wezwanie", resident_action="Doślij mapę.")
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, demo)
    assert 'name="text"' in _html(client.get(f"/konto/sprawy/{case.pk}/odpowiedz/"))
    response = _reply(client, case, "Odpowiedź.", _file("mapa.pdf"))
    assert response.status_code == 302
    assert "To konto demonstracyjne" in _html(client.get(response["Location"]))
    _nothing_created(case)
    # The use case refuses it too, whoever calls it.
    with schema_context("zembrzyce"), pytest.raises(ReplyRefused):
        reply_to_office(case, demo.party, demo, "Odpowiedź.")
    _nothing_created(case)


@pytest.mark.parametrize(
    ("text", "files", "message"),
    [
        ("   ", [], "Wpisz treść odpowiedzi."),
        ("x" * 5001, [], "Odpowiedź może mieć najwyżej 5000 znaków (ma 5001)."),
        (
            "Mapy.",
            [_file(f"mapa{n}.pdf") for n in range(6)],
            "Możesz dołączyć najwyżej 5 plików (wybrano 6).",
        ),
        (
            "Mapa.",
            [_file("mapa.pdf", PDF + b"0" * (10 * 1024 * 1024))],
            "Plik „mapa.pdf” jest za duży: najwyżej 10 MB.",
        ),
        (
            "Mapa.",
            [_file("mapa.pdf", b"MZ\x90\x00 not a pdf")],
            "Plik „mapa.pdf”: zawartość pliku nie jest plikiem PDF.",
        ),
        (
            "Mapa.",
            [_file("mapa.exe", PDF, "application/octet-stream")],
            "Plik „mapa.exe”: ten rodzaj pliku nie jest przyjmowany; dozwolone: PDF, JPG, PNG, "
            "XML.",
        ),
    ],
    ids=["empty", "too-long", "too-many", "too-big", "wrong-content", "wrong-type"],
)
def test_bad_input_is_told_in_the_error_summary_and_kept(client, waiting, text, files, message):
    response = _reply(client, waiting, text, *files)
    html = _html(response)
    assert "Popraw błędy w formularzu" in html and message in html
    field = "id_attachments" if files else "id_text"
    assert f'<a href="#{field}">' in html
    assert 'aria-invalid="true"' in html and f"{field}_error" in html
    if text.strip():
        assert f"{text}</textarea>" in html  # what was typed is kept
    if files:
        assert "wybierz je ponownie" in html
    assert html.count("<title>Błąd:") == 1
    _nothing_created(waiting)


def test_a_failure_midway_leaves_no_letter_and_no_file(anna, waiting, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr(services, "_notify_clerks", broken)
    root = Path(settings.PRIVATE_FILES_ROOT)
    stored_before = {path for path in root.rglob("*") if path.is_file()}
    with schema_context("zembrzyce"), pytest.raises(RuntimeError):
        reply_to_office(waiting, anna.party, anna, "Mapa.", [_file("mapa.pdf")])
    _nothing_created(waiting)
    assert {path for path in root.rglob("*") if path.is_file()} == stored_before


def test_the_clerks_told_are_the_officer_else_the_department_else_all_who_may_change_cases(
    anna, clerk
):
    with schema_context("zembrzyce"):
        users = get_user_model().objects
        officer = users.create_user(
            username="j-malik", first_name="Jan", last_name="Malik", email="j.malik@ug.example"
        )
        officer.groups.add(Group.objects.get(name="Sprawy"))
        department = Group.objects.create(name="Referat Gospodarki Komunalnej")
        in_department = users.create_user(username="rgk", email="rgk@ug.example")
        in_department.groups.add(department, Group.objects.get(name="Sprawy"))
        outsider = users.create_user(username="bez-uprawnien", first_name="Jan", last_name="Malik")
        case = c.case("zembrzyce", anna.party, status="wezwanie")

        case.officer_name = "Jan  Malik"
        assert clerks_to_notify(case) == [officer]
        case.officer_name, case.officer_contact = "", "tel. 33 123, J.Malik@ug.example"
        assert clerks_to_notify(case) == [officer]
        case.officer_contact, case.department = "", "Referat Gospodarki Komunalnej"
        assert clerks_to_notify(case) == [in_department]
        case.department = ""
        everyone = clerks_to_notify(case)
    assert {clerk, officer, in_department} <= set(everyone) and outsider not in everyone
