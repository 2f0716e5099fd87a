"""The whole way of an access request sent through ePUAP: the resident signs it with
Profil Zaufany and sends it to Głogów's mailbox (simulator, over HTTP); the town's intake
takes it in with an UPO; a clerk approves it in the Wagtail admin; the resident gets an
e-mail and an in-portal notification, and can log in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django_tenants.utils import schema_context

from eurzad.channels.documents import Authorisation, ChannelKind
from eurzad.channels.models import IntakeRecord
from eurzad.channels.services import poll
from eurzad.identity.models import AccessRequest, Representation, Resident
from eurzad.identity.services import RESIDENT_SERVICE_GROUP
from eurzad.notifications.models import Notification
from eurzad.notifications.services import deliver_pending_emails
from tests.channels.conftest import config_of, send
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
ZOFIA = "02270803624"  # known in Głogów, no account there yet
FIRM_NIP = "7740001454"


def test_epuap_request_goes_from_intake_to_approval_to_the_residents_email(simulators):
    with schema_context("zembrzyce"):  # what other tests committed there stays as it was
        zembrzyce_before = set(AccessRequest.objects.values_list("pk", flat=True))
    send(
        "glogow",
        pesel=ZOFIA,
        authorisations=(
            Authorisation(nip=FIRM_NIP, name="Kwiaciarnia Zofia", scope=Authorisation.Scope.PAY),
        ),
        email="zofia@example.pl",
        text="Proszę o dostęp do e-Urzędu.",
    )
    with schema_context("glogow"):
        result = poll(config_of("glogow", ChannelKind.EPUAP))
        assert result.taken_in == 1 and result.handled == 1
        record = IntakeRecord.objects.get()
        assert record.handler == "access-request" and record.upo_xml
        filed = AccessRequest.objects.get(channel_message_id=record.message_id)
        assert filed.channel == "epuap" and filed.pesel == ZOFIA
        assert filed.verified_by.startswith("epuap") and filed.upo
        assert filed.email == "zofia@example.pl"
        assert filed.authorisations.get().nip == FIRM_NIP
        deliver_pending_emails()
    assert filed.reference in mail.outbox[-1].subject  # the receipt

    with schema_context("glogow"):
        clerk = get_user_model().objects.create_user(username="urzednik-test", password="x")
        clerk.groups.add(Group.objects.get(name=RESIDENT_SERVICE_GROUP))
        client = host_client(GLOGOW_HOST)
        client.force_login(clerk)
    listing = client.get("/admin/wnioski-o-dostep/").content.decode()
    assert filed.reference in listing and "ePUAP" in listing
    answer = client.post(
        f"/admin/wnioski-o-dostep/{filed.pk}/",
        {"decision": "approve", "granted": [str(filed.authorisations.get().pk)]},
    )
    assert answer.status_code == 302

    with schema_context("glogow"):
        resident = Resident.objects.get(party__pesel=ZOFIA)
        assert Representation.objects.get(resident=resident).party.nip == FIRM_NIP
        assert Notification.objects.filter(
            recipient=resident.user, reason="access_request_approved"
        ).exists()
        mail.outbox.clear()
        assert deliver_pending_emails() == 1
    approval = mail.outbox[0]
    assert approval.to == ["zofia@example.pl"] and "zatwierdzony" in approval.subject
    assert ZOFIA not in approval.body

    # Zembrzyce saw none of it.
    with schema_context("zembrzyce"):
        assert set(AccessRequest.objects.values_list("pk", flat=True)) == zembrzyce_before
        assert not IntakeRecord.objects.exists()
    assert host_client(ZEMBRZYCE_HOST).get(f"/admin/wnioski-o-dostep/{filed.pk}/").status_code in {
        302,
        404,
    }


def test_a_request_signed_by_someone_else_than_the_applicant_is_rejected(simulators):
    from eurzad.channels.simulator.compose import (
        Letter,
        build_document,
        person_by_pesel,
        sign_as_profil_zaufany,
    )

    # Jan signs a form whose sender is Zofia.
    form = build_document(person_by_pesel(ZOFIA), Letter(title="Wniosek", access_request=True))
    document = sign_as_profil_zaufany(form, person_by_pesel("44051401359"))
    send("glogow", pesel=ZOFIA, document=document)
    with schema_context("glogow"):
        poll(config_of("glogow", ChannelKind.EPUAP))
        record = IntakeRecord.objects.get()
        assert record.status == IntakeRecord.Status.REJECTED
        assert "signed by someone other than the applicant" in record.reason
        assert not AccessRequest.objects.exists()
