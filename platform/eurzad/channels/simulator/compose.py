"""Writing a ``wnio:Dokument`` as a resident fills it in on ePUAP and signing it as
Profil Zaufany does, then putting it into a town's mailbox: what the simulator's compose
page, ``manage.py epuap_send`` and the tests use."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django_tenants.utils import schema_context
from lxml import etree

from eurzad.channels import xades
from eurzad.channels.documents import Attachment, Authorisation, ChannelKind
from eurzad.channels.form_writing import add as _add
from eurzad.channels.form_writing import add_attachments
from eurzad.channels.forms import ACCESS_REQUEST_TITLE, ADR, EU, INST, META, OSO, STR, WNIO
from eurzad.channels.models import ChannelConfig
from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.ade import residents as ade_residents
from eurzad.channels.simulator.keys import profil_zaufany_signer
from eurzad.core.simulated_people import PEOPLE, SimulatedPerson
from tenants.models import Municipality

__all__ = [
    "Letter",
    "build_document",
    "person_by_pesel",
    "send_to_town",
    "sign_as_profil_zaufany",
]

NSMAP = {"wnio": WNIO, "meta": META, "str": STR, "oso": OSO, "adr": ADR, "inst": INST}
SCOPE_WORDS = {Authorisation.Scope.VIEW: "wglad", Authorisation.Scope.PAY: "platnosci"}


@dataclass(frozen=True)
class Letter:
    """What the resident writes."""

    title: str
    text: str = ""
    recipient_name: str = ""
    place: str = ""
    authorisations: Sequence[Authorisation] = ()
    attachments: Sequence[Attachment] = ()
    access_request: bool = False
    email: str = ""
    phone: str = ""


def person_by_pesel(pesel: str) -> SimulatedPerson:
    """A test person of the simulators (the same people as the login.gov.pl simulator)."""
    for person in PEOPLE:
        if person.pesel == pesel:
            return person
    raise LookupError("Nieznana osoba testowa (unknown test person)")


def build_document(person: SimulatedPerson, letter: Letter) -> etree._Element:
    """The unsigned ``wnio:Dokument`` (general letter, or the access request)."""
    today = dt.date.today().isoformat()
    nsmap = dict(NSMAP)
    if letter.authorisations:
        nsmap["eu"] = EU
    root = etree.Element(f"{{{WNIO}}}Dokument", nsmap=nsmap)
    description = _add(root, f"{{{WNIO}}}OpisDokumentu")
    date = _add(description, f"{{{META}}}Data", typDaty="stworzony")
    _add(date, f"{{{META}}}Czas", today)

    data = _add(root, f"{{{WNIO}}}DaneDokumentu")
    header = _add(data, f"{{{STR}}}Naglowek")
    _add(
        header,
        f"{{{STR}}}NazwaDokumentu",
        ACCESS_REQUEST_TITLE if letter.access_request else "Pismo ogólne do podmiotu publicznego",
    )
    recipient = _add(_add(data, f"{{{STR}}}Adresaci"), f"{{{META}}}Podmiot")
    _add(
        _add(recipient, f"{{{INST}}}Instytucja"),
        f"{{{INST}}}NazwaInstytucji",
        letter.recipient_name,
    )
    sender = _add(_add(data, f"{{{STR}}}Nadawcy"), f"{{{META}}}Podmiot")
    osoba = _add(sender, f"{{{OSO}}}Osoba")
    _add(_add(osoba, f"{{{OSO}}}IdOsoby"), f"{{{OSO}}}PESEL", person.pesel)
    _add(osoba, f"{{{OSO}}}Imie", person.first_name)
    _add(osoba, f"{{{OSO}}}Nazwisko", person.last_name)
    if letter.email or letter.phone:
        contact = _add(sender, f"{{{ADR}}}Kontakt")
        if letter.email:
            _add(contact, f"{{{ADR}}}Email", letter.email)
        if letter.phone:
            _add(contact, f"{{{ADR}}}Telefon", letter.phone)

    content = _add(root, f"{{{WNIO}}}TrescDokumentu", format="text/xml", kodowanie="XML")
    if letter.place:
        _add(content, f"{{{WNIO}}}MiejscowoscDokumentu", letter.place)
    _add(
        content, f"{{{WNIO}}}Tytul", ACCESS_REQUEST_TITLE if letter.access_request else letter.title
    )
    if letter.text:
        _add(_add(content, f"{{{WNIO}}}Informacje"), f"{{{WNIO}}}Informacja", letter.text)
    if letter.authorisations:
        container = _add(content, f"{{{EU}}}Upowaznienia")
        for authorisation in letter.authorisations:
            item = _add(container, f"{{{EU}}}Upowaznienie")
            if authorisation.pesel:
                _add(item, f"{{{EU}}}PESEL", authorisation.pesel)
            else:
                _add(item, f"{{{EU}}}NIP", authorisation.nip)
            _add(item, f"{{{EU}}}Nazwa", authorisation.name)
            _add(item, f"{{{EU}}}Zakres", SCOPE_WORDS[authorisation.scope])
            if authorisation.valid_until:
                _add(item, f"{{{EU}}}WazneDo", authorisation.valid_until.isoformat())
    add_attachments(content, letter.attachments)
    return root


def sign_as_profil_zaufany(
    root: etree._Element,
    person: SimulatedPerson,
    *,
    signer_data: Literal["EPSignature", "PodpisZP"] = "EPSignature",
    xpath_filter: bool = False,
) -> bytes:
    """Sign the document (XAdES-BES with the signer's data, ``EPSignature`` as ePUAP's
    forms carry it or ``PodpisZP`` as TpSigning5 returns it) as Profil Zaufany would."""
    key, certificate = profil_zaufany_signer()
    xades.sign(
        root,
        key,
        certificate,
        xades.SignerIdentity(
            given_names=person.first_name,
            surname=person.last_name,
            pesel=person.pesel,
            date_of_birth=person.date_of_birth,
        ),
        signer_data=signer_data,
        xpath_filter=xpath_filter,
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _town_address(schema: str, channel: ChannelKind) -> tuple[str, str]:
    town = Municipality.objects.get(schema_name=schema)
    with schema_context(schema):
        config = ChannelConfig.objects.get(kind=channel.value)
    return config.address, town.official_name


def send_to_town(
    schema: str,
    document: bytes,
    *,
    sender: SimulatedPerson,
    subject: str,
    channel: ChannelKind = ChannelKind.EPUAP,
) -> mailboxes.Message | ade_residents.SentToTown:
    """Put a (signed) document into the town's mailbox on the simulated ``channel``."""
    address, office = _town_address(schema, channel)
    if channel == ChannelKind.EDORECZENIA:
        return ade_residents.send_to_town(address, document, sender=sender, subject=subject)
    # A resident's own ePUAP mailbox; its name must not reveal the PESEL.
    sender_address = f"/{hashlib.sha256(sender.pesel.encode()).hexdigest()[:10]}/skrytka"
    return mailboxes.put(
        channel=channel.value,
        mailbox=address,
        document=document,
        sender_address=sender_address,
        sender_name=f"{sender.first_name} {sender.last_name}",
        recipient_name=office,
        subject=subject,
    )
