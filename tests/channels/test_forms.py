"""Reading wnio:Dokument forms: the general letter and the access request, and refusing
what is unsafe or malformed, in Polish and English."""

from __future__ import annotations

import datetime as dt

import pytest

from eurzad.channels.documents import Attachment, Authorisation, ParsedForm
from eurzad.channels.forms import (
    ACCESS_REQUEST_TITLE,
    FormError,
    MalformedDocument,
    UnsafeDocument,
    parse_document,
)
from tests.channels.conftest import JAN, MARIA, signed_form

FIRM_NIP = "5260250274"


def test_access_request_with_authorisations_and_attachment_is_read():
    document = signed_form(
        access_request=True,
        text="Proszę o założenie konta.",
        authorisations=(
            Authorisation(
                pesel=MARIA,
                name="Maria Wiśniewska",
                scope=Authorisation.Scope.PAY,
                valid_until=dt.date(2027, 12, 31),
            ),
            Authorisation(nip=FIRM_NIP, name="Tartak Zembrzyce sp. z o.o."),
        ),
        attachments=(Attachment("pelnomocnictwo.pdf", "application/pdf", b"%PDF-1.7 test"),),
    )

    form = parse_document(document)

    assert form.kind == ParsedForm.KIND_ACCESS_REQUEST
    assert form.title == ACCESS_REQUEST_TITLE
    assert form.namespace == "http://crd.gov.pl/wzor/2013/12/12/1410/"
    assert form.created_on == dt.date.today()
    assert form.sender.full_name == "Jan Kowalski"
    assert form.sender.pesel == JAN
    assert form.recipient_name == "Gmina Zembrzyce"
    assert form.text == "Proszę o założenie konta."
    person, firm = form.authorisations
    assert (person.pesel, person.scope, person.valid_until) == (
        MARIA,
        Authorisation.Scope.PAY,
        dt.date(2027, 12, 31),
    )
    assert (firm.nip, firm.name, firm.scope) == (
        FIRM_NIP,
        "Tartak Zembrzyce sp. z o.o.",
        Authorisation.Scope.VIEW,
    )
    (attachment,) = form.attachments
    filename, content_type, content = attachment
    assert (filename, content_type, content) == (
        "pelnomocnictwo.pdf",
        "application/pdf",
        b"%PDF-1.7 test",
    )


def test_general_letter_is_not_an_access_request():
    form = parse_document(signed_form(access_request=False, title="Zapytanie o odpady"))
    assert form.kind == ParsedForm.KIND_GENERAL_LETTER
    assert form.title == "Zapytanie o odpady"
    assert form.authorisations == ()


def test_pesel_stays_out_of_repr():
    form = parse_document(signed_form(authorisations=(Authorisation(pesel=MARIA, name="M"),)))
    assert JAN not in repr(form)
    assert MARIA not in repr(form)


DOCTYPE = b"""<?xml version="1.0"?>
<!DOCTYPE wnio:Dokument [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<wnio:Dokument xmlns:wnio="http://crd.gov.pl/wzor/2013/12/12/1410/">&xxe;</wnio:Dokument>"""

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"""


@pytest.mark.parametrize("document", [DOCTYPE, ENTITY_BOMB], ids=["xxe", "entity-expansion"])
def test_doctype_and_entities_are_refused_in_both_languages(document):
    with pytest.raises(UnsafeDocument) as refused:
        parse_document(document)
    assert "Odrzucono dokument z deklaracją DOCTYPE" in str(refused.value)


def test_malformed_xml_is_refused():
    with pytest.raises(MalformedDocument) as refused:
        parse_document(b"<wnio:Dokument xmlns:wnio='x'><niedomkniety></wnio:Dokument>")
    assert "Dokument nie jest poprawnym XML." in str(refused.value)


def test_other_xml_is_not_taken_for_a_form():
    with pytest.raises(FormError, match="To nie jest formularz wnio:Dokument"):
        parse_document(b"<faktura><kwota>10</kwota></faktura>")


def test_authorisation_with_invalid_pesel_is_refused_without_quoting_it():
    document = signed_form(authorisations=(Authorisation(pesel="44051401358", name="X"),))
    with pytest.raises(FormError) as refused:
        parse_document(document)
    assert "authorisation 1: invalid PESEL" in str(refused.value)
    assert "44051401358" not in str(refused.value)
