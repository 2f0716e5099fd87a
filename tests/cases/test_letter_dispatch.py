"""The office's letters go to each party of the case by the first route that reaches it
(e-Doręczenia, then ePUAP, then paper); staff record paper letters by hand; the resident
sees how their own letter went and its evidence, and nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.cases.defaults import CASES_GROUP
from eurzad.cases.letters import change_delivery_state, dispatch_letter, retry_delay, route_for
from eurzad.cases.models import CaseDocument, LetterDelivery, LetterEvidence
from eurzad.cases.tasks import check_letter_deliveries
from eurzad.channels.models import ChannelConfig
from eurzad.parties.addresses import validate_ade_address, validate_epuap_inbox
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

ADE = "AE:PL-51234-56789-ABCDE-12"
INBOX = "/annanowak/skrytka"
PESEL = "92071314764"
OTHER_PESEL = "75061712342"
THIRD_PESEL = "02070803628"


def _route(schema: str, **addresses: str) -> tuple[str, str]:
    party = f.party(schema, pesel=PESEL, **addresses)
    with schema_context(schema):
        return route_for(party)


@pytest.mark.parametrize(
    ("addresses", "expected"),
    [
        ({"ade_address": ADE, "epuap_inbox": INBOX}, ("edoreczenia", ADE)),
        ({"epuap_inbox": INBOX}, ("epuap", INBOX)),
        ({}, ("paper", "")),
    ],
    ids=["electronic-address-first", "epuap-without-one", "paper-for-the-rest"],
)
def test_route_follows_the_fallback_order(towns, addresses, expected):
    assert _route("glogow", **addresses) == expected


def test_a_channel_switched_off_is_skipped(towns):
    with schema_context("glogow"):
        ChannelConfig.objects.filter(kind="edoreczenia").update(enabled=False)
    assert _route("glogow", ade_address=ADE, epuap_inbox=INBOX) == ("epuap", INBOX)


@pytest.mark.parametrize("value", ["AE:PL-5123-56789-ABCDE-12", "ae:pl-51234-56789-abcde-12"])
def test_malformed_electronic_address_is_refused_in_polish(value):
    with pytest.raises(ValidationError, match="AE:PL-12345-12345-ABCDE-12"):
        validate_ade_address(value)


@pytest.mark.parametrize("value", ["annanowak/skrytka", "/anna nowak/skrytka", "/a/b/c"])
def test_malformed_epuap_inbox_is_refused_in_polish(value):
    with pytest.raises(ValidationError, match="identyfikator-podmiotu/skrytka"):
        validate_epuap_inbox(value)


def test_letter_goes_once_to_each_party_by_its_own_route(towns):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    co_party = f.party("glogow", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")
    case = c.case("glogow", owner, co_parties=(co_party,))
    letter = c.document("glogow", case)
    with schema_context("glogow"):
        first = dispatch_letter(letter)
        again = dispatch_letter(letter)
        routes = {d.party_id: (d.route, d.state) for d in first}
        assert [d.pk for d in again] == [d.pk for d in first]
        assert LetterDelivery.objects.filter(document=letter).count() == 2
        letter.refresh_from_db()
    assert routes == {owner.pk: ("edoreczenia", "queued"), co_party.pk: ("paper", "to_print")}
    assert letter.delivery == CaseDocument.Delivery.PENDING


def test_an_incoming_document_is_not_sent(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL))
    letter = c.document("glogow", case)
    with schema_context("glogow"):
        letter.direction = CaseDocument.Direction.INCOMING
        with pytest.raises(ValueError):
            dispatch_letter(letter)
        assert not LetterDelivery.objects.exists()


def test_paper_letter_is_recorded_by_hand_and_settles_the_letter(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL))
    letter = c.document("glogow", case)
    with schema_context("glogow"):
        (delivery,) = dispatch_letter(letter)
        change_delivery_state(delivery, LetterDelivery.State.SENT)
        change_delivery_state(delivery, LetterDelivery.State.DELIVERED)
        letter.refresh_from_db()
        assert letter.channel == CaseDocument.Channel.PAPER
        assert letter.delivery == CaseDocument.Delivery.DELIVERED
        with pytest.raises(ValueError, match="Ponownie wysłać"):
            change_delivery_state(delivery, LetterDelivery.State.QUEUED)


def test_state_of_an_electronic_letter_comes_only_from_evidence(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL, ade_address=ADE))
    letter = c.document("glogow", case)
    with schema_context("glogow"):
        (delivery,) = dispatch_letter(letter)
        with pytest.raises(ValueError, match="dowodów doręczenia"):
            change_delivery_state(delivery, LetterDelivery.State.DELIVERED)


# ---------------------------------------------------------------- the admin


def _clerk(schema: str, host: str):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        user = get_user_model().objects.create_user(username="wysylka", password="x")
        user.groups.add(Group.objects.get(name=CASES_GROUP))
        client.force_login(user)
    return client


def _letter_form(of, **changes: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    case = of
    data = {
        "case": case.pk,
        "direction": CaseDocument.Direction.OUTGOING,
        "title": "Decyzja o warunkach zabudowy",
        "dated": case.received_on.isoformat(),
        "channel": CaseDocument.Channel.PAPER,
        "delivery": CaseDocument.Delivery.PENDING,
        "send_to_parties": "on",
    }
    data.update(changes)
    return data


def test_staff_send_a_new_letter_to_the_parties_from_the_admin(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL, epuap_inbox=INBOX))
    upload = SimpleUploadedFile("decyzja.pdf", b"%PDF-1.4 decyzja", "application/pdf")
    response = _clerk("glogow", GLOGOW_HOST).post(
        "/admin/cases_documents/new/", _letter_form(case, attachment=upload)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with schema_context("glogow"):
        (delivery,) = LetterDelivery.objects.filter(document__case=case)
        assert (delivery.route, delivery.recipient_address) == ("epuap", INBOX)
        assert delivery.document.channel == CaseDocument.Channel.EPUAP


def test_an_incoming_document_cannot_be_sent_from_the_admin(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL))
    form = _letter_form(case, direction=CaseDocument.Direction.INCOMING)
    response = _clerk("glogow", GLOGOW_HOST).post("/admin/cases_documents/new/", form)
    assert response.status_code == 200
    assert "Wysłać stronom można tylko pismo od urzędu." in response.content.decode()
    with schema_context("glogow"):
        assert not CaseDocument.objects.filter(case=case).exists()


def test_staff_see_only_this_towns_deliveries_and_mark_paper_posted(towns):
    own_case = c.case("glogow", f.party("glogow", pesel=PESEL))
    foreign_case = c.case("zembrzyce", f.party("zembrzyce", pesel=PESEL))
    own = c.document("glogow", own_case)
    foreign = c.document("zembrzyce", foreign_case)
    with schema_context("glogow"):
        (delivery,) = dispatch_letter(own)
    with schema_context("zembrzyce"):
        (foreign_delivery,) = dispatch_letter(foreign)
    client = _clerk("glogow", GLOGOW_HOST)
    listing = client.get("/admin/cases_letter_deliveries/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert own_case.sign in html and foreign_case.sign not in html
    assert client.get(f"/admin/cases_letter_deliveries/inspect/{delivery.pk}/").status_code == 200
    posted = client.post(
        f"/admin/cases_letter_deliveries/edit/{delivery.pk}/", {"state": "delivered"}
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    with schema_context("glogow"):
        assert LetterDelivery.objects.get(pk=delivery.pk).state == "delivered"
    with schema_context("zembrzyce"):
        assert LetterDelivery.objects.get(pk=foreign_delivery.pk).state == "to_print"


# ---------------------------------------------------------------- the resident


def _evidence(schema: str, delivery: LetterDelivery, kind: str, state: str) -> LetterEvidence:
    with schema_context(schema):
        evidence = LetterEvidence(
            delivery=delivery,
            kind=kind,
            evidence_id=f"{kind}-{delivery.pk}",
            issued_at=timezone.now() - dt.timedelta(minutes=5),
            state=state,
        )
        evidence.file.save(f"{kind}.xml", ContentFile(b"<dowod/>"), save=False)
        evidence.save()
        return evidence


def test_resident_sees_the_evidence_of_their_own_letter_only(towns):
    anna = f.resident("zembrzyce", f.party("zembrzyce", pesel=PESEL, ade_address=ADE))
    ewa = f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")
    case = c.case("zembrzyce", anna.party, co_parties=(ewa,))
    letter = c.document("zembrzyce", case)
    with schema_context("zembrzyce"):
        deliveries = {d.party_id: d for d in dispatch_letter(letter)}
        LetterDelivery.objects.filter(pk=deliveries[anna.party.pk].pk).update(
            state="delivered", message_id="m-1", sent_at=timezone.now()
        )
    own = _evidence("zembrzyce", deliveries[anna.party.pk], "UPD", "delivered")
    others = _evidence("zembrzyce", deliveries[ewa.pk], "ZWROT", "not_delivered")
    client = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    html = client.get(f"/konto/sprawy/{case.pk}/").content.decode()
    assert "Dowód doręczenia (UPD)" in html
    assert "ZWROT" not in html
    with schema_context("zembrzyce"):
        own_url, others_url = own.file.url, others.file.url
    download = client.get(own_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"<dowod/>"
    assert client.get(others_url).status_code == 404
    # The same address on the other town's host finds nothing.
    elsewhere = f.logged_in("glogow", GLOGOW_HOST, f.resident("glogow", f.party("glogow")))
    assert elsewhere.get(own_url).status_code == 404


# ---------------------------------------------------------------- records kept, retries


def test_retry_schedule_grows_from_thirty_seconds():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 10)] == [30, 60, 120, 15360]


def _sent_letter(schema: str = "glogow", pesel: str = PESEL):  # type: ignore[no-untyped-def]
    owner = f.party(schema, pesel=pesel)  # no electronic address: paper
    case = c.case(schema, owner)
    letter = c.document(schema, case)
    with schema_context(schema):
        (delivery,) = dispatch_letter(letter)
    return case, letter, delivery


def test_a_sent_letter_is_neither_deleted_nor_changed_in_the_admin(towns):
    case, letter, _delivery = _sent_letter()
    client = _clerk("glogow", GLOGOW_HOST)
    refused = client.post(f"/admin/cases_documents/delete/{letter.pk}/", follow=True)
    assert "Nie można usunąć pisma wysłanego stronom" in refused.content.decode()
    refused_case = client.post(f"/admin/cases_cases/delete/{case.pk}/", follow=True)
    assert "Nie można usunąć pisma wysłanego stronom" in refused_case.content.decode()
    other = c.case("glogow", f.party("glogow", pesel=OTHER_PESEL))
    changed = client.post(
        f"/admin/cases_documents/edit/{letter.pk}/",
        _letter_form(case, case=other.pk, title="Inne pismo", delivery="delivered")
        | {"send_to_parties": ""},
    )
    assert changed.status_code == 302
    with schema_context("glogow"):
        kept = CaseDocument.objects.get(pk=letter.pk)
        assert (kept.case_id, kept.title, kept.delivery) == (case.pk, letter.title, "pending")
        assert LetterDelivery.objects.filter(document=letter).count() == 1


def test_nobody_adds_or_deletes_a_delivery_in_the_admin(towns):
    _case, _letter, delivery = _sent_letter()
    admin = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        user = get_user_model().objects.create_superuser("wysylka-admin", password="x")
        admin.force_login(user)
    assert admin.get("/admin/cases_letter_deliveries/new/").status_code in (302, 403)
    assert admin.post(f"/admin/cases_letter_deliveries/delete/{delivery.pk}/").status_code in (
        302,
        403,
    )
    with schema_context("glogow"):
        assert LetterDelivery.objects.filter(pk=delivery.pk).exists()


def test_a_co_party_added_later_is_sent_the_letter_too(towns):
    case, letter, _delivery = _sent_letter()
    later = f.party("glogow", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")
    with schema_context("glogow"):
        case.co_parties.add(later)
    client = _clerk("glogow", GLOGOW_HOST)
    response = client.post(f"/admin/cases_documents/edit/{letter.pk}/", _letter_form(case))
    assert response.status_code == 302, response.content.decode()[:2000]
    with schema_context("glogow"):
        assert set(LetterDelivery.objects.values_list("party_id", flat=True)) == {
            case.party_id,
            later.pk,
        }
    again = client.post(f"/admin/cases_documents/edit/{letter.pk}/", _letter_form(case))
    assert "To pismo zostało już wysłane wszystkim stronom." in again.content.decode()


def test_a_letter_without_its_file_is_not_sent(towns):
    case = c.case("glogow", f.party("glogow", pesel=PESEL))
    response = _clerk("glogow", GLOGOW_HOST).post("/admin/cases_documents/new/", _letter_form(case))
    assert "Dołącz plik pisma, aby wysłać je stronom." in response.content.decode()


def test_a_failed_letter_goes_again_by_the_route_its_party_has_now(towns):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    letter = c.document("glogow", c.case("glogow", owner))
    with schema_context("glogow"):
        (delivery,) = dispatch_letter(letter)
        LetterDelivery.objects.filter(pk=delivery.pk).update(state="failed", attempts=10)
        type(owner).objects.filter(pk=owner.pk).update(ade_address="", epuap_inbox=INBOX)
        again = change_delivery_state(LetterDelivery.objects.get(pk=delivery.pk), "queued")
        assert (again.route, again.recipient_address) == ("epuap", INBOX)
        assert (again.state, again.attempts, again.last_error) == ("queued", 0, "")


def test_the_periodic_check_requeues_lost_sends_and_fails_interrupted_ones(towns):
    owner = f.party("glogow", pesel=PESEL, ade_address=ADE)
    lost, waiting, interrupted = (c.document("glogow", c.case("glogow", owner)) for _ in range(3))
    now = timezone.now()
    with schema_context("glogow"):
        for letter, changes in (
            (lost, {"next_attempt_at": now - dt.timedelta(minutes=11)}),
            (waiting, {"next_attempt_at": now + dt.timedelta(minutes=30)}),  # a retry ahead
            (
                interrupted,
                {"state": "sending", "last_attempt_at": now - dt.timedelta(minutes=31)},
            ),
        ):
            (delivery,) = dispatch_letter(letter)
            LetterDelivery.objects.filter(pk=delivery.pk).update(**changes)
        _case, _paper, posted = _sent_letter(pesel=THIRD_PESEL)
        change_delivery_state(posted, "sent")  # a posted paper letter is never checked
        result = check_letter_deliveries()
        failed = LetterDelivery.objects.get(document=interrupted)
    assert result == {"checked": 0, "resent": 1, "interrupted": 1}
    assert failed.state == "failed" and "Sprawdź u dostawcy" in failed.last_error
