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
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.cases.defaults import CASES_GROUP
from eurzad.cases.letters import change_delivery_state, dispatch_letter, route_for
from eurzad.cases.models import CaseDocument, LetterDelivery, LetterEvidence
from eurzad.channels.models import ChannelConfig
from eurzad.parties.addresses import validate_ade_address, validate_epuap_inbox
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

ADE = "AE:PL-51234-56789-ABCDE-12"
INBOX = "/annanowak/skrytka"
PESEL = "92071314764"
OTHER_PESEL = "75061712342"


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


def _letter_form(case, **changes: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
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
    response = _clerk("glogow", GLOGOW_HOST).post("/admin/cases_documents/new/", _letter_form(case))
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
