"""The UPO of an access request that came through ePUAP, readable for the applicant and
the clerk: a page and a PDF saying who sent what to whom and when, the document's digest
checked against the document the office took in, and the signature checked against the
certificates the town trusts; the XML beside it."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.channels.models import IntakeRecord
from eurzad.channels.receipt_view import shown_receipt
from eurzad.channels.upo import digest_of
from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from eurzad.identity.models import AccessRequest
from eurzad.identity.services import RESIDENT_SERVICE_GROUP
from eurzad.parties.models import Party
from tests.channels.receipts import town_upp
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

PESEL = "75031507125"
DOCUMENT = b"<Wniosek><Tresc>Prosze o dostep do e-Urzedu.</Tresc></Wniosek>"
SUBMITTED = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def _upp(document: bytes = DOCUMENT) -> str:
    return town_upp(
        recipient="Gmina Zembrzyce",
        sender="Ewa Zielińska",
        document_id="MSG-UPO-1",
        document=document,
        delivered_at=SUBMITTED,
        receipt_id="UPP-2026-0001",
    )


def _filed(upo: str, document: bytes = DOCUMENT) -> AccessRequest:
    IntakeRecord.objects.create(
        channel="epuap",
        message_id="MSG-UPO-1",
        received_at=timezone.now(),
        sender_name="Ewa Zielińska",
        title="Wniosek o dostęp",
        document=document,
    )
    return file_access_request(
        Applicant("Ewa", "Zielińska", PESEL, date(1975, 3, 15), "epuap: profil zaufany"),
        Contact(email="ewa@example.pl"),
        channel="epuap",
        channel_message_id="MSG-UPO-1",
        upo=upo,
    )


@pytest.fixture
def ewa(towns):  # type: ignore[no-untyped-def]
    with schema_context("zembrzyce"):
        party = Party.objects.create(kind="natural", pesel=PESEL, first_name="Ewa", last_name="Z")
    return f.resident("zembrzyce", party)


def _client(user, host: str = ZEMBRZYCE_HOST):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(host.split(".")[0]):
        client.force_login(user)
    return client


def test_the_applicant_reads_the_upo_as_a_page_a_pdf_and_the_xml(ewa):
    with schema_context("zembrzyce"):
        filed = _filed(_upp())
    client = _client(ewa.user)
    profile = client.get("/konto/twoje-dane/").content.decode()
    assert f"/konto/wnioski/{filed.pk}/upo/" in profile
    page = client.get(f"/konto/wnioski/{filed.pk}/upo/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in (
        "Urzędowe poświadczenie przedłożenia (UPP)",
        "UPP-2026-0001",
        "Ewa Zielińska",
        "Gmina Zembrzyce",
        "MSG-UPO-1",
        "01.12.2026 10:30:00",  # Polish time
        digest_of(DOCUMENT),
        "zgodny z dokumentem w urzędzie",
        "poprawny",
        "Poświadczenie w postaci XML",
    ):
        assert shown in html, shown
    pdf = client.get(f"/konto/wnioski/{filed.pk}/upo.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "UPO-" in pdf["Content-Disposition"]
    assert pdf["Cache-Control"] == "private, no-store"
    xml = client.get(f"/konto/wnioski/{filed.pk}/upo.xml")
    assert xml.content.decode() == filed.upo


def test_a_changed_receipt_or_document_is_not_passed_off_as_valid(towns):
    with schema_context("zembrzyce"):
        tampered = _upp().replace("Ewa Zielińska", "Jan Zieliński")
        receipt = shown_receipt(tampered, document=DOCUMENT)
        assert receipt is not None and not receipt.signature_valid
        other_document = shown_receipt(_upp(), document=b"<Wniosek>inny</Wniosek>")
        assert other_document.signature_valid and other_document.digest_matches is False
        assert shown_receipt(_upp()).digest_matches is None  # no document held
        assert shown_receipt("<nie-upo/>") is None
        assert shown_receipt("<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>") is None
    # Głogów trusts its own certificates, not Zembrzyce's.
    with schema_context("glogow"):
        assert not shown_receipt(_zembrzyce_upp()).signature_valid


def _zembrzyce_upp() -> str:
    with schema_context("zembrzyce"):
        return _upp()


def test_nobody_else_reads_the_applicants_upo(ewa):
    with schema_context("zembrzyce"):
        filed = _filed(_upp())
        stranger_party = Party.objects.create(
            kind="natural", pesel="90010101239", first_name="A", last_name="B"
        )
    stranger = _client(f.resident("zembrzyce", stranger_party).user)
    for suffix in ("upo/", "upo.pdf", "upo.xml"):
        assert stranger.get(f"/konto/wnioski/{filed.pk}/{suffix}").status_code == 404
    elsewhere = host_client(GLOGOW_HOST)
    elsewhere.cookies["sessionid"] = _client(ewa.user).cookies["sessionid"].value
    assert elsewhere.get(f"/konto/wnioski/{filed.pk}/upo/").status_code == 302


def test_the_clerk_reads_the_upo_beside_the_request(ewa):
    with schema_context("zembrzyce"):
        filed = _filed(_upp())
        clerk = get_user_model().objects.create_user(username="obsluga-upo", password="x")
        clerk.groups.add(Group.objects.get(name=RESIDENT_SERVICE_GROUP))
    client = _client(clerk)
    html = client.get(f"/admin/wnioski-o-dostep/{filed.pk}/").content.decode()
    assert "Urzędowe poświadczenie przedłożenia (UPP)" in html
    assert "zgodny z dokumentem w urzędzie" in html and "wydane przy doręczeniu" not in html
    pdf = client.get(f"/admin/wnioski-o-dostep/{filed.pk}/upo.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xml = client.get(f"/admin/wnioski-o-dostep/{filed.pk}/upo.xml")
    assert xml.content.decode() == filed.upo
    assert client.get(f"/admin/wnioski-o-dostep/{filed.pk}/upo.exe").status_code == 404
