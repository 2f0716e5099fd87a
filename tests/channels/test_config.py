"""Every town gets its ePUAP and e-Doręczenia configuration at onboarding, with its own
sealed RSA key; staff edit it in the admin without ever seeing the key; the simulator's
compose page puts a signed form into a mailbox."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_tenants.utils import schema_context

from eurzad.accounts.models import User
from eurzad.channels.admin_forms import ChannelConfigForm
from eurzad.channels.documents import ChannelKind
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.models import ChannelConfig, validate_delivery_address
from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.ade import store as ade_store
from eurzad.channels.wagtail_hooks import ChannelConfigViewSet
from eurzad.core.xmlsecurity.keys import load_certificate
from tests.conftest import PLATFORM_HOST, ZEMBRZYCE_HOST, host_client


def test_every_town_gets_both_channels_with_its_own_sealed_key(towns):
    with schema_context("zembrzyce"):
        epuap = ChannelConfig.objects.get(kind="epuap")
        edoreczenia = ChannelConfig.objects.get(kind="edoreczenia")
        sealed = ChannelConfig.objects.values_list("system_private_key_sealed", flat=True)
        assert all("PRIVATE KEY" not in value for value in sealed)
        assert "PRIVATE KEY" in epuap.system_private_key
    with schema_context("glogow"):
        glogow = ChannelConfig.objects.get(kind="epuap")
    assert epuap.environment == "local" and epuap.enabled
    assert epuap.mailbox_address == "/zembrzyce/SkrytkaESP"
    assert glogow.mailbox_address == "/glogow/SkrytkaESP"
    validate_delivery_address(edoreczenia.delivery_address)
    assert isinstance(load_certificate(epuap.system_certificate).public_key(), rsa.RSAPublicKey)
    assert load_certificate(epuap.system_certificate).public_key().key_size == 2048
    assert epuap.system_certificate != glogow.system_certificate


@pytest.mark.parametrize(
    "address", ["AE:PL-66081-65851-BHGEH-20", ""], ids=["documented-example", "empty"]
)
def test_delivery_address_format_is_accepted(address):
    validate_delivery_address(address)


@pytest.mark.parametrize(
    "address",
    ["AE:PL-6608-65851-BHGEH-20", "PL-66081-65851-BHGEH-20", "AE:PL-66081-65851-bhgeh-20"],
)
def test_malformed_delivery_address_is_refused(address):
    with pytest.raises(ValidationError, match="AE:PL-12345-12345-ABCDE-12"):
        validate_delivery_address(address)


def test_local_simulator_is_refused_when_simulators_are_off():
    config = ChannelConfig(kind="epuap", environment="local", podmiot_id="x", mailbox_name="y")
    with override_settings(SIMULATORS_ENABLED=False), pytest.raises(ValidationError) as refused:
        config.clean()
    assert "Lokalny symulator jest wyłączony na tej instalacji." in str(refused.value)


def test_admin_shows_the_configuration_but_never_the_private_key(towns):
    with schema_context("zembrzyce"):
        staff = User.objects.create_superuser("kanaly-admin", "k@example.invalid", "haslo-123456")
        config = ChannelConfig.objects.get(kind="epuap")
        sealed = config.system_private_key_sealed
        client = host_client(ZEMBRZYCE_HOST)
        client.force_login(staff)
    page = client.get(f"/admin/snippets/channels/channelconfig/edit/{config.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/zembrzyce" in html or "zembrzyce" in html
    assert "PRIVATE KEY" not in html
    assert sealed not in html
    assert "nowy klucz prywatny systemu" in html


def test_admin_form_takes_a_new_key_only_with_its_certificate(towns):
    form_class = ChannelConfigViewSet.edit_handler.bind_to_model(ChannelConfig).get_form_class()
    assert issubclass(form_class, ChannelConfigForm)
    with schema_context("zembrzyce"):
        config = ChannelConfig.objects.get(kind="epuap")
        key, certificate = new_system_credentials("nowy")
        other_key, _ = new_system_credentials("inny")
        data = {
            "kind": "epuap",
            "enabled": "on",
            "environment": "local",
            "podmiot_id": "zembrzyce",
            "mailbox_name": "SkrytkaESP",
            "delivery_address": "",
            "service_url": "",
            "provider_certificate": "",
            "system_certificate": certificate,
        }
        mismatched = form_class(data | {"new_private_key": other_key}, instance=config)
        assert not mismatched.is_valid()
        assert "Klucz nie pasuje do certyfikatu systemu." in str(mismatched.errors)
        without_key = form_class(data, instance=config)
        assert not without_key.is_valid()
        assert "Nowy certyfikat wymaga nowego klucza prywatnego." in str(without_key.errors)
        matching = form_class(data | {"new_private_key": key}, instance=config)
        assert matching.is_valid(), matching.errors
        matching.save()
        config.refresh_from_db()
        assert config.system_private_key.strip() == key.strip()


def test_compose_page_labels_every_field_and_sends(towns):
    client = host_client(PLATFORM_HOST)
    page = client.get("/symulator-epuap/nadaj")
    assert page.status_code == 200
    html = page.content.decode()
    for field in ("town", "channel", "person", "form", "title", "text", "represented_id"):
        assert f'<label for="id_{field}">' in html
    sent = client.post(
        "/symulator-epuap/nadaj",
        {
            "town": "zembrzyce",
            "channel": ChannelKind.EPUAP.value,
            "person": "44051401359",
            "form": "access-request",
            "represented_id": "5260250274",
            "represented_name": "Tartak",
            "represented_scope": "pay",
        },
    )
    assert sent.status_code == 200, sent.content.decode()[:2000]
    assert "Pismo nadane" in sent.content.decode()
    assert mailboxes.count("epuap", "/zembrzyce/SkrytkaESP") == 1


def test_staff_list_channels_and_intake_and_download_the_upo(towns):
    from eurzad.channels.models import IntakeRecord

    with schema_context("zembrzyce"):
        staff = User.objects.create_superuser("kanaly-lista", "l@example.invalid", "haslo-123456")
        record = IntakeRecord.objects.create(
            channel="epuap",
            message_id="m-1",
            received_at="2026-01-05T10:00:00+01:00",
            title="Wniosek",
            document=b"<dokument/>",
            upo_id="UPO-1",
            upo_xml=b"<upo:Dokument xmlns:upo='x'/>",
        )
        client = host_client(ZEMBRZYCE_HOST)
        client.force_login(staff)
    assert client.get("/admin/snippets/channels/channelconfig/").status_code == 200
    listing = client.get("/admin/snippets/channels/intakerecord/")
    assert listing.status_code == 200
    assert "Wniosek" in listing.content.decode()
    assert (
        client.get(f"/admin/snippets/channels/intakerecord/inspect/{record.pk}/").status_code == 200
    )
    upo = client.get(f"/admin/kanaly/dokumenty/{record.pk}/upo/")
    assert upo.status_code == 200
    assert upo.content == b"<upo:Dokument xmlns:upo='x'/>"
    assert client.get(f"/admin/kanaly/dokumenty/{record.pk}/inne/").status_code == 404


def test_edoreczenia_configuration_names_its_system_and_endpoints(towns, settings):
    with schema_context("zembrzyce"):
        config = ChannelConfig.objects.get(kind="edoreczenia")
    assert config.client_id == f"{config.delivery_address}.SYSTEM.EURZAD"
    simulator = settings.EDORECZENIA_SIMULATOR_URL.rstrip("/")
    assert config.endpoint == f"{simulator}/api/v3"
    assert config.token_endpoint == f"{simulator}/auth/realms/EDOR/protocol/openid-connect/token"
    config.environment = ChannelConfig.Environment.PRODUCTION
    assert config.endpoint == "https://uaapi-ow.poczta-polska.pl/api/v3"
    assert config.token_endpoint == (
        "https://ow.edoreczenia.gov.pl/auth/realms/EDOR/protocol/openid-connect/token"
    )
    config.token_url = (
        "https://uaapi-ow.poczta-polska.pl/auth/realms/EDOR/protocol/openid-connect/token"
    )
    assert config.token_endpoint == config.token_url
    config.client_id = ""
    with pytest.raises(ValidationError) as refused:
        config.clean()
    assert "identyfikator systemu" in str(refused.value)


def test_compose_page_sends_through_edoreczenia(towns):
    client = host_client(PLATFORM_HOST)
    sent = client.post(
        "/symulator-epuap/nadaj",
        {
            "town": "glogow",
            "channel": ChannelKind.EDORECZENIA.value,
            "person": "85121612343",
            "form": "general-letter",
            "title": "Zapytanie",
            "text": "Treść",
        },
    )
    assert sent.status_code == 200, sent.content.decode()[:2000]
    assert "Pismo nadane" in sent.content.decode()
    with schema_context("glogow"):
        address = ChannelConfig.objects.get(kind="edoreczenia").delivery_address
    (received,) = [m for m in ade_store.messages_of(address) if m["label"] == "INBOX"]
    assert received["subject"] == "Zapytanie"
    assert received["attachments"][0]["contentType"] == "text/xml"


def test_staff_read_an_incoming_documents_upo_and_download_it_as_pdf(towns):
    from eurzad.channels.models import IntakeRecord
    from tests.channels.receipts import town_upp

    document = b"<Wniosek>tresc</Wniosek>"
    with schema_context("zembrzyce"):
        clerk = User.objects.create_user("kancelaria-upo", password="haslo-123456")
        clerk.groups.add(Group.objects.get(name="Kancelaria"))
        upo = town_upp(recipient="Gmina Zembrzyce", sender="Ewa Zielińska",
                       document_id="m-upo", document=document)  # fmt: skip
        record = IntakeRecord.objects.create(
            channel="epuap",
            message_id="m-upo",
            received_at="2026-01-05T10:00:00+01:00",
            title="Wniosek o dostęp",
            document=document,
            upo_xml=upo.encode(),
        )
        client = host_client(ZEMBRZYCE_HOST)
        client.force_login(clerk)
    page = client.get(f"/admin/snippets/channels/intakerecord/inspect/{record.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Urzędowe poświadczenie przedłożenia (UPP)" in html and "Ewa Zielińska" in html
    assert "zgodny z dokumentem w urzędzie" in html
    pdf = client.get(f"/admin/kanaly/dokumenty/{record.pk}/upo-pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
