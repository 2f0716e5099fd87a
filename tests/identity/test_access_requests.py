"""Getting an account: the town's policy, the access request filed in the portal after
login.gov.pl, and its review by staff in the Wagtail admin."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from eurzad.identity.assertions import VerifiedIdentity
from eurzad.identity.login import AccessRequestNeeded, resident_for
from eurzad.identity.models import AccessRequest, AccountSettings, Representation, Resident
from eurzad.identity.request_views import APPLICANT_KEY
from eurzad.identity.services import RESIDENT_SERVICE_GROUP
from eurzad.notifications.models import Notification
from eurzad.notifications.services import deliver_pending_emails
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

PESEL = "75031507125"  # valid, fictitious, not among the demo persons
FIRM_NIP = "1234563218"


def _identity(pesel: str = PESEL) -> VerifiedIdentity:
    return VerifiedIdentity(pesel, "Ewa", "Zielińska", date(1975, 3, 15), "substantial")


def _applicant_client(host: str, schema: str):  # type: ignore[no-untyped-def]
    """A browser that login.gov.pl has just verified as Ewa Zielińska."""
    import time

    client = host_client(host)
    with schema_context(schema):
        session = client.session
        session[APPLICANT_KEY] = {
            "pesel": PESEL,
            "first_name": "Ewa",
            "last_name": "Zielińska",
            "date_of_birth": "1975-03-15",
            "at": time.time(),
        }
        session.save()
    return client


def _form(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "contact-email": "ewa@example.pl",
        "contact-city": "Zembrzyce",
        "contact-postal_code": "34-210",
        "upow-TOTAL_FORMS": "1",
        "upow-INITIAL_FORMS": "0",
        "upow-MIN_NUM_FORMS": "0",
        "upow-MAX_NUM_FORMS": "5",
    }
    data.update(extra)
    return data


def _logged_in(host: str, schema: str, user) -> object:  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        client.force_login(user)
    return client


def _reviewer(schema: str):  # type: ignore[no-untyped-def]
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"urzednik-{schema}", password="x")
        user.groups.add(Group.objects.get(name=RESIDENT_SERVICE_GROUP))
    return user


def test_instant_policy_opens_the_account_of_a_known_person_at_first_login(towns):
    with schema_context("zembrzyce"):
        party = Party.objects.create(kind="natural", pesel=PESEL, first_name="Ewa", last_name="Z")
        resident = resident_for(_identity())
        assert resident.party == party
        assert PESEL not in resident.user.username


def test_request_policy_needs_an_access_request_even_for_a_known_person(towns):
    with schema_context("zembrzyce"):
        settings = AccountSettings.load()
        settings.account_policy = AccountSettings.Policy.REQUEST
        settings.save()
        Party.objects.create(kind="natural", pesel=PESEL, first_name="Ewa", last_name="Z")
        with pytest.raises(AccessRequestNeeded):
            resident_for(_identity())
        assert not Resident.objects.filter(party__pesel=PESEL).exists()


def test_unknown_person_files_an_access_request_in_the_portal(towns):
    with schema_context("zembrzyce"):
        deliver_pending_emails()  # whatever earlier tests left in the outbox
    client = _applicant_client(ZEMBRZYCE_HOST, "zembrzyce")
    page = client.get("/logowanie/wniosek/")
    assert page.status_code == 200
    assert "Ewa Zielińska" in page.content.decode() and PESEL not in page.content.decode()
    document = SimpleUploadedFile("pelnomocnictwo.pdf", b"%PDF-1.4 test", "application/pdf")
    answer = client.post(
        "/logowanie/wniosek/",
        _form(
            **{
                "upow-0-kind": "legal",
                "upow-0-name": "Tartak Beskid sp. z o.o.",
                "upow-0-identifier": "123-456-32-18",
                "upow-0-scope": "pay",
                "upow-0-document": document,
            }
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    receipt = client.get(answer["Location"]).content.decode()
    with schema_context("zembrzyce"):
        filed = AccessRequest.objects.get(pesel=PESEL)
        assert filed.reference in receipt
        assert filed.channel == "portal" and filed.verified_by == "login.gov.pl"
        # Days in Warsaw: a request filed at 23:30 UTC is filed "tomorrow" in Poland.
        filed_on = timezone.localdate(filed.submitted_at)
        assert filed.due_on == filed_on + timedelta(days=7)
        authorisation = filed.authorisations.get()
        assert authorisation.nip == FIRM_NIP and authorisation.document.name
        assert deliver_pending_emails() == 1
    assert filed.reference in mail.outbox[-1].subject
    # Asking again shows the pending request instead of a second form.
    again = _applicant_client(ZEMBRZYCE_HOST, "zembrzyce").get("/logowanie/wniosek/")
    assert "jest rozpatrywany" in again.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"upow-0-kind": "legal", "upow-0-name": "Firma", "upow-0-identifier": "1234563219"},
         "Numer NIP jest nieprawidłowy."),
        ({"upow-0-kind": "natural", "upow-0-name": "Jan", "upow-0-identifier": "44051401358"},
         "Numer PESEL jest nieprawidłowy"),
        ({"upow-0-kind": "legal", "upow-0-name": "Firma", "upow-0-identifier": FIRM_NIP,
          "upow-0-document": SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream")},
         "Dozwolone pliki: PDF"),
        ({"upow-0-kind": "legal", "upow-0-name": "Firma", "upow-0-identifier": FIRM_NIP,
          "upow-0-document": SimpleUploadedFile("big.pdf", b"0" * (5 * 1024 * 1024 + 1))},
         "Plik jest większy niż 5 MB."),
    ],
)  # fmt: skip
def test_bad_authorisations_are_refused_with_a_clear_message_and_nothing_is_filed(
    towns, fields, message
):
    client = _applicant_client(ZEMBRZYCE_HOST, "zembrzyce")
    answer = client.post("/logowanie/wniosek/", _form(**fields))
    assert answer.status_code == 400
    body = answer.content.decode()
    assert message in body and "Popraw błędy" in body
    # What was typed stays in the form (nothing lost); messages never echo identifiers.
    summary = body[body.index("error-summary") : body.index("</ul>", body.index("error-summary"))]
    assert "44051401358" not in summary and "1234563219" not in summary
    with schema_context("zembrzyce"):
        assert not AccessRequest.objects.filter(pesel=PESEL).exists()


def test_access_request_form_needs_a_fresh_login_gov_confirmation(towns):
    answer = host_client(ZEMBRZYCE_HOST).get("/logowanie/wniosek/")
    assert answer.status_code == 403
    assert "login.gov.pl" in answer.content.decode()


def _filed(schema: str, due_in_days: int = 7) -> AccessRequest:
    with schema_context(schema):
        filed = file_access_request(
            Applicant("Ewa", "Zielińska", PESEL, date(1975, 3, 15), "login.gov.pl"),
            Contact(email="ewa@example.pl"),
            channel="portal",
        )
        if due_in_days != 7:
            AccessRequest.objects.filter(pk=filed.pk).update(
                due_on=date.today() + timedelta(days=due_in_days)
            )
        return filed


def test_staff_see_the_due_date_and_overdue_requests_highlighted(towns):
    overdue = _filed("zembrzyce", due_in_days=-1)
    client = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", _reviewer("zembrzyce"))
    listing = client.get("/admin/wnioski-o-dostep/").content.decode()
    assert overdue.reference in listing and "po terminie" in listing
    assert PESEL not in listing  # masked in the list


def test_staff_approval_opens_the_account_grants_authorisations_and_notifies(towns):
    with schema_context("zembrzyce"):
        filed = file_access_request(
            Applicant("Ewa", "Zielińska", PESEL, date(1975, 3, 15), "login.gov.pl"),
            Contact(email="ewa@example.pl", authorisations=[
                __import__("eurzad.identity.access_requests", fromlist=["Authorisation"])
                .Authorisation(kind="legal", name="Tartak Beskid", nip=FIRM_NIP, scope="pay"),
            ]),
            channel="portal",
        )  # fmt: skip
        deliver_pending_emails()
        authorisation = filed.authorisations.get()
    reviewer = _reviewer("zembrzyce")
    client = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", reviewer)
    detail = client.get(f"/admin/wnioski-o-dostep/{filed.pk}/")
    assert detail.status_code == 200 and PESEL in detail.content.decode()
    answer = client.post(
        f"/admin/wnioski-o-dostep/{filed.pk}/",
        {"decision": "approve", "granted": [str(authorisation.pk)]},
    )
    assert answer.status_code == 302
    with schema_context("zembrzyce"):
        filed.refresh_from_db()
        assert filed.status == "approved" and filed.decided_by == reviewer
        resident = Resident.objects.get(party__pesel=PESEL)
        assert resident.user.email == "ewa@example.pl"
        mandate = Representation.objects.get(resident=resident)
        assert mandate.party.nip == FIRM_NIP and mandate.scope == "pay"
        assert Notification.objects.filter(
            recipient=resident.user, reason="access_request_approved"
        ).exists()
        assert AuditEvent.objects.filter(
            action="personal_data_viewed", user=reviewer, details__reference=filed.reference
        ).exists()
        assert AuditEvent.objects.filter(action="access_request_decided", user=reviewer).exists()
        mail.outbox.clear()
        assert deliver_pending_emails() == 1
    assert "zatwierdzony" in mail.outbox[0].subject
    # The resident can now log in: their PESEL has an account.
    with schema_context("zembrzyce"):
        assert resident_for(_identity()) == resident


def test_rejection_needs_a_reason_and_is_emailed(towns):
    filed = _filed("zembrzyce")
    client = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", _reviewer("zembrzyce"))
    client.post(f"/admin/wnioski-o-dostep/{filed.pk}/", {"decision": "reject", "reason": " "})
    with schema_context("zembrzyce"):
        filed.refresh_from_db()
        assert filed.status == "submitted"
    client.post(
        f"/admin/wnioski-o-dostep/{filed.pk}/",
        {"decision": "reject", "reason": "Brak pełnomocnictwa."},
    )
    with schema_context("zembrzyce"):
        filed.refresh_from_db()
        assert filed.status == "rejected"
        assert not Resident.objects.filter(party__pesel=PESEL).exists()
        mail.outbox.clear()
        deliver_pending_emails()
    assert "Brak pełnomocnictwa" in mail.outbox[-1].body


def test_editors_without_the_permission_cannot_review(towns):
    filed = _filed("zembrzyce")
    with schema_context("zembrzyce"):
        editor = get_user_model().objects.get(username="redaktor")
        editor.groups.remove(Group.objects.get(name=RESIDENT_SERVICE_GROUP))
    client = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", editor)
    assert client.get(f"/admin/wnioski-o-dostep/{filed.pk}/").status_code in {302, 403}


def test_one_towns_requests_are_invisible_to_another_towns_staff(towns):
    filed = _filed("zembrzyce")
    client = _logged_in(GLOGOW_HOST, "glogow", _reviewer("glogow"))
    assert filed.reference not in client.get("/admin/wnioski-o-dostep/").content.decode()
    assert client.get(f"/admin/wnioski-o-dostep/{filed.pk}/").status_code == 404
    # A Zembrzyce reviewer's session is worthless on Głogów's host.
    zembrzyce_staff = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", _reviewer("zembrzyce"))
    cookie = zembrzyce_staff.cookies["sessionid"].value
    intruder = host_client(GLOGOW_HOST)
    intruder.cookies["sessionid"] = cookie
    assert intruder.get("/admin/wnioski-o-dostep/").status_code == 302


def test_resident_downloads_the_upo_of_their_own_channel_request_only(towns):
    with schema_context("zembrzyce"):
        filed = file_access_request(
            Applicant("Ewa", "Zielińska", PESEL, date(1975, 3, 15), "epuap: profil zaufany"),
            Contact(email="ewa@example.pl"),
            channel="epuap",
            channel_message_id="MSG-1",
            upo="<UPO><IdentyfikatorPoswiadczenia>1</IdentyfikatorPoswiadczenia></UPO>",
        )
        party = Party.objects.create(kind="natural", pesel=PESEL, first_name="Ewa", last_name="Z")
        ewa = resident_for(_identity())
        other = Party.objects.create(
            kind="natural", pesel="90010101239", first_name="A", last_name="B"
        )
        stranger = resident_for(_identity("90010101239"))
    assert ewa.party == party and stranger.party == other
    client = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", ewa.user)
    profile = client.get("/konto/twoje-dane/").content.decode()
    assert filed.reference in profile and "Zobacz UPO" in profile
    upo = client.get(f"/konto/wnioski/{filed.pk}/upo.xml")
    assert upo.status_code == 200 and b"IdentyfikatorPoswiadczenia" in upo.content
    assert "attachment" in upo["Content-Disposition"]
    assert upo["Cache-Control"] == "private, no-store"
    assert upo["X-Content-Type-Options"] == "nosniff"
    intruder = _logged_in(ZEMBRZYCE_HOST, "zembrzyce", stranger.user)
    assert intruder.get(f"/konto/wnioski/{filed.pk}/upo.xml").status_code == 404
    # Ewa's Zembrzyce session is worthless on Głogów's host.
    elsewhere = host_client(GLOGOW_HOST)
    elsewhere.cookies["sessionid"] = client.cookies["sessionid"].value
    assert elsewhere.get(f"/konto/wnioski/{filed.pk}/upo.xml").status_code == 302
