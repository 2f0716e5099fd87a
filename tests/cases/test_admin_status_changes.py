"""Staff change a case's status and add letters in the Wagtail admin: the change goes into
the case's history and the case's people are told once, exactly as after an import."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from eurzad.cases.defaults import CASES_GROUP
from eurzad.cases.models import Case, CaseDocument, CaseStatus, CaseStatusChange
from eurzad.core.private_files.storage import is_stored_name
from eurzad.notifications.models import Notification
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, host_client
from tests.finance import factories as f

PESEL = "92071314764"


def _clerk():  # type: ignore[no-untyped-def]
    client = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        user = get_user_model().objects.create_user(username="sprawy-admin", password="x")
        user.groups.add(Group.objects.get(name=CASES_GROUP))
        client.force_login(user)
    return client


def _status(code: str) -> CaseStatus:
    with schema_context("glogow"):
        return CaseStatus.objects.get(code=code)


def _notices(user) -> list[Notification]:  # type: ignore[no-untyped-def]
    with schema_context("glogow"):
        return list(Notification.objects.filter(recipient=user, reason__startswith="case_"))


def _history(case: Case) -> list[tuple[str, str]]:
    with schema_context("glogow"):
        return [(change.status.code, change.note) for change in case.status_changes.all()]


def test_staff_status_change_in_admin_is_recorded_and_notifies(towns):
    owner = f.resident("glogow", f.party("glogow", pesel=PESEL))
    case = c.case("glogow", owner.party, status="w-toku")
    client = _clerk()
    response = client.post(
        f"/admin/cases_cases/edit/{case.pk}/",
        c.admin_form(case, status=_status("wezwanie").pk, status_note="brak mapy"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _history(case) == [("wezwanie", "brak mapy")]
    with schema_context("glogow"):
        assert Case.objects.get(pk=case.pk).status.code == "wezwanie"
    (notice,) = _notices(owner.user)
    assert case.sign in notice.subject and "wezwanie do uzupełnienia" in notice.body


def test_saving_a_case_without_changing_its_status_records_and_notifies_nothing(towns):
    owner = f.resident("glogow", f.party("glogow", pesel=PESEL))
    case = c.case("glogow", owner.party, status="w-toku")
    client = _clerk()
    response = client.post(
        f"/admin/cases_cases/edit/{case.pk}/", c.admin_form(case, officer_name="Jan Urzędnik")
    )
    assert response.status_code == 302
    with schema_context("glogow"):
        assert Case.objects.get(pk=case.pk).officer_name == "Jan Urzędnik"
    assert _history(case) == []
    assert _notices(owner.user) == []


def test_final_status_set_in_admin_closes_the_case(towns):
    owner = f.resident("glogow", f.party("glogow", pesel=PESEL))
    case = c.case("glogow", owner.party, status="w-toku")
    response = _clerk().post(
        f"/admin/cases_cases/edit/{case.pk}/", c.admin_form(case, status=_status("zakonczona").pk)
    )
    assert response.status_code == 302
    with schema_context("glogow"):
        assert Case.objects.get(pk=case.pk).closed_on is not None
    assert _history(case) == [("zakonczona", "")]
    assert len(_notices(owner.user)) == 1


def test_case_created_in_admin_starts_its_history_and_notifies_once(towns):
    owner = f.resident("glogow", f.party("glogow", pesel=PESEL))
    template = c.case("glogow", owner.party, status="zlozona")
    data = c.admin_form(template, sign="ADM.6733.1.2026", external_id="adm-case-1", source="admin")
    response = _clerk().post("/admin/cases_cases/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with schema_context("glogow"):
        created = Case.objects.get(source="admin", external_id="adm-case-1")
    assert _history(created) == [("zlozona", "")]
    (notice,) = _notices(owner.user)
    assert "ADM.6733.1.2026" in notice.subject


def test_letter_added_in_admin_notifies_the_case_people_once(towns):
    owner = f.resident("glogow", f.party("glogow", pesel=PESEL))
    case = c.case("glogow", owner.party)
    client = _clerk()
    data = {
        "case": case.pk,
        "direction": CaseDocument.Direction.OUTGOING,
        "title": "Decyzja o warunkach zabudowy",
        "dated": case.received_on.isoformat(),
        "channel": CaseDocument.Channel.EPUAP,
        "delivery": CaseDocument.Delivery.PENDING,
    }
    added = client.post(
        "/admin/cases_documents/new/",
        {**data, "attachment": SimpleUploadedFile("decyzja.txt", b"tresc")},
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    with schema_context("glogow"):
        letter = CaseDocument.objects.get(case=case)
        assert is_stored_name(letter.attachment.name)
        assert letter.attachment_name == "decyzja.txt"
    (notice,) = _notices(owner.user)
    assert "Decyzja o warunkach zabudowy" in notice.body
    # The edit form names the file as it was uploaded and links its one download path.
    form = client.get(f"/admin/cases_documents/edit/{letter.pk}/").content.decode()
    assert f'<a href="/pliki/{letter.attachment.name}">decyzja.txt</a>' in form
    assert letter.attachment.name not in form.replace(f"/pliki/{letter.attachment.name}", "")
    edited = client.post(
        f"/admin/cases_documents/edit/{letter.pk}/",
        {**data, "delivery": CaseDocument.Delivery.DELIVERED},
    )
    assert edited.status_code == 302
    assert len(_notices(owner.user)) == 1
    with schema_context("glogow"):
        assert CaseStatusChange.objects.filter(case=case).count() == 0


def test_co_parties_are_added_through_the_chooser_and_removed_by_unticking(towns):
    owner = f.party("glogow", pesel=PESEL)
    first = f.party("glogow", first_name="Pierwsza", last_name="Współstrona")
    second = f.party("glogow", first_name="Druga", last_name="Współstrona")
    case = c.case("glogow", owner, co_parties=(first,))
    client = _clerk()
    page = client.get(f"/admin/cases_cases/edit/{case.pk}/").content.decode()
    assert "Pierwsza Współstrona" in page and "Druga Współstrona" not in page
    added = client.post(
        f"/admin/cases_cases/edit/{case.pk}/", c.admin_form(case, add_co_party=second.pk)
    )
    assert added.status_code == 302
    with schema_context("glogow"):
        assert set(case.co_parties.all()) == {first, second}
    removed = client.post(
        f"/admin/cases_cases/edit/{case.pk}/", c.admin_form(case, co_parties=[second.pk])
    )
    assert removed.status_code == 302
    with schema_context("glogow"):
        assert list(case.co_parties.all()) == [second]
