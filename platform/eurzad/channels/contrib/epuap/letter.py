"""The office's letter as ePUAP carries it: a ``wnio:Dokument`` in the crd.gov.pl
"pismo ogólne" vocabulary (OpisDokumentu, DaneDokumentu, TrescDokumentu with the
attachments base64-encoded in ``str:Zalaczniki``), the office as the sender, signed
(XAdES-BES, enveloped) with the town's system key."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from eurzad.channels import xades
from eurzad.channels.form_writing import add as _add
from eurzad.channels.form_writing import add_attachments
from eurzad.channels.forms import INST, META, OSO, STR, WNIO
from eurzad.channels.sending import OutgoingLetter

__all__ = ["LETTER_NAME", "build_letter", "signed_letter"]

NSMAP = {"wnio": WNIO, "meta": META, "str": STR, "oso": OSO, "inst": INST}
LETTER_NAME = "Pismo ogólne"


def _recipient(parent: etree._Element, name: str, *, is_person: bool) -> None:
    """``str:Adresaci``: a person by given names and surname, a firm or an institution by
    its name."""
    subject = _add(_add(parent, f"{{{STR}}}Adresaci"), f"{{{META}}}Podmiot")
    if not is_person:
        _add(_add(subject, f"{{{INST}}}Instytucja"), f"{{{INST}}}NazwaInstytucji", name)
        return
    person = _add(subject, f"{{{OSO}}}Osoba")
    given, _, surname = name.strip().rpartition(" ")
    if given:
        _add(person, f"{{{OSO}}}Imie", given)
    _add(person, f"{{{OSO}}}Nazwisko", surname or name)


def build_letter(letter: OutgoingLetter, office: str, *, today: dt.date | None = None):
    """The unsigned ``wnio:Dokument`` for ``letter`` from ``office``."""
    today = today or dt.date.today()
    root = etree.Element(f"{{{WNIO}}}Dokument", nsmap=NSMAP)
    description = _add(root, f"{{{WNIO}}}OpisDokumentu")
    _add(_add(description, f"{{{META}}}Data", typDaty="stworzony"), f"{{{META}}}Czas", str(today))
    data = _add(root, f"{{{WNIO}}}DaneDokumentu")
    _add(_add(data, f"{{{STR}}}Naglowek"), f"{{{STR}}}NazwaDokumentu", LETTER_NAME)
    _recipient(data, letter.recipient_name, is_person=letter.recipient_is_person)
    sender = _add(_add(data, f"{{{STR}}}Nadawcy"), f"{{{META}}}Podmiot")
    _add(_add(sender, f"{{{INST}}}Instytucja"), f"{{{INST}}}NazwaInstytucji", office)

    content = _add(root, f"{{{WNIO}}}TrescDokumentu", format="text/xml", kodowanie="XML")
    _add(content, f"{{{WNIO}}}Tytul", letter.subject)
    informations = _add(content, f"{{{WNIO}}}Informacje")
    if letter.case_sign:
        _add(informations, f"{{{WNIO}}}Informacja", f"Znak sprawy: {letter.case_sign}")
    _add(informations, f"{{{WNIO}}}Informacja", letter.body)
    add_attachments(content, letter.attachments)
    return root


def signed_letter(
    letter: OutgoingLetter, office: str, private_key_pem: str, certificate_pem: str
) -> bytes:
    """``letter`` as a signed ``wnio:Dokument``, serialised."""
    root = build_letter(letter, office)
    xades.sign(root, private_key_pem, certificate_pem)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
