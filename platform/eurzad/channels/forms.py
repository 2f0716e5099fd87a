"""Reading ``wnio:Dokument`` forms: the ePUAP general letter (crd.gov.pl wzór 1410) and
the platform's own access request, which is a general letter with a titled purpose and
an extension element listing the persons and firms the applicant wants to act for.

Untrusted bytes go through the project's safe parser (no DOCTYPE, no entities).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from pathlib import PurePosixPath, PureWindowsPath

from django.utils.translation import gettext as _
from lxml import etree
from stdnum.pl import nip as nip_number
from stdnum.pl import pesel as pesel_number

from eurzad.channels.documents import Address, Attachment, Authorisation, ParsedForm, Person
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = [
    "ACCESS_REQUEST_TITLE",
    "FormError",
    "MalformedDocument",
    "UnsafeDocument",
    "parse_document",
    "parse_element",
    "parse_untrusted",
]

WNIO = "http://crd.gov.pl/wzor/2013/12/12/1410/"
META = "http://crd.gov.pl/xml/schematy/meta/2009/11/16/"
STR = "http://crd.gov.pl/xml/schematy/struktura/2009/11/16/"
ADR = "http://crd.gov.pl/xml/schematy/adres/2009/11/09/"
OSO = "http://crd.gov.pl/xml/schematy/osoba/2009/11/16/"
INST = "http://crd.gov.pl/xml/schematy/instytucja/2009/11/16/"
# The platform's extension carried inside TrescDokumentu of the access request.
EU = "http://eurzad.pl/xml/wzor/wniosek-o-konto/2025/1/"
CRD_FORMS = "http://crd.gov.pl/wzor/"

ACCESS_REQUEST_TITLE = "Wniosek o rejestrację konta na platformie eUrząd"
SCOPES = {
    "wglad": Authorisation.Scope.VIEW,
    "wgląd": Authorisation.Scope.VIEW,
    "view": Authorisation.Scope.VIEW,
    "platnosci": Authorisation.Scope.PAY,
    "płatności": Authorisation.Scope.PAY,
    "pay": Authorisation.Scope.PAY,
}
MAX_ATTACHMENTS = 20


class FormError(ValueError):
    """The document is not a form we can read."""


class UnsafeDocument(FormError):
    """The document carries a DOCTYPE or entities (XXE, entity expansion)."""


class MalformedDocument(FormError):
    """The document is not well-formed XML."""


def _text(node: etree._Element | None, path: str, namespaces: dict[str, str]) -> str:
    if node is None:
        return ""
    return " ".join((node.findtext(path, default="", namespaces=namespaces) or "").split())


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def _address(node: etree._Element | None) -> Address | None:
    if node is None:
        return None
    ns = {"adr": ADR}
    return Address(
        street=_text(node, "adr:Ulica", ns),
        building=_text(node, "adr:Budynek", ns),
        flat=_text(node, "adr:Lokal", ns),
        postcode=_text(node, "adr:KodPocztowy", ns),
        town=_text(node, "adr:Miejscowosc", ns),
        post_office=_text(node, "adr:Poczta", ns),
    )


def _sender(data: etree._Element | None) -> Person | None:
    ns = {"str": STR, "meta": META, "oso": OSO, "adr": ADR}
    person = None if data is None else data.find("str:Nadawcy/meta:Podmiot/oso:Osoba", ns)
    if person is None:
        return None
    given = " ".join(
        " ".join((name.text or "").split()) for name in person.findall("oso:Imie", ns)
    ).strip()
    return Person(
        given_names=given,
        surname=_text(person, "oso:Nazwisko", ns),
        pesel=_text(person, "oso:IdOsoby/oso:PESEL", ns) or _text(person, "oso:PESEL", ns),
        address=_address(person.find("adr:Adres", ns)) or Address(),
    )


def _safe_filename(name: str, position: int) -> str:
    # Only the last path component: a sender does not choose where files land.
    base = PurePosixPath(PureWindowsPath(name).name).name.strip()
    return base or f"zalacznik-{position}"


def _attachments(content: etree._Element | None) -> tuple[Attachment, ...]:
    ns = {"str": STR}
    if content is None:
        return ()
    nodes = content.findall("str:Zalaczniki/str:Zalacznik", ns)
    if len(nodes) > MAX_ATTACHMENTS:
        raise FormError(_("Za dużo załączników: %(count)d") % {"count": len(nodes)})
    found = []
    for position, node in enumerate(nodes, start=1):
        encoding = (node.get("kodowanie") or "base64").lower()
        if encoding != "base64":
            raise FormError(_("Nieobsługiwane kodowanie załącznika: %(e)s") % {"e": encoding})
        data = "".join((node.findtext("str:DaneZalacznika", "", ns) or "").split())
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise FormError(_("Uszkodzony załącznik nr %(n)d.") % {"n": position}) from None
        found.append(
            Attachment(
                filename=_safe_filename(node.get("nazwaPliku") or "", position),
                content_type=node.get("format") or "application/octet-stream",
                content=raw,
            )
        )
    return tuple(found)


def _authorisations(content: etree._Element | None) -> tuple[Authorisation, ...]:
    ns = {"eu": EU}
    if content is None:
        return ()
    found = []
    for position, node in enumerate(content.findall("eu:Upowaznienia/eu:Upowaznienie", ns), 1):
        pesel = _text(node, "eu:PESEL", ns)
        nip = nip_number.compact(_text(node, "eu:NIP", ns)) if _text(node, "eu:NIP", ns) else ""
        if bool(pesel) == bool(nip):
            raise FormError(_("Upoważnienie nr %(n)d: podaj PESEL albo NIP.") % {"n": position})
        if pesel and not pesel_number.is_valid(pesel):
            raise FormError(
                _("Upoważnienie nr %(n)d: niepoprawny PESEL (authorisation %(n)d: invalid PESEL).")
                % {"n": position}
            )
        if nip and not nip_number.is_valid(nip):
            raise FormError(
                _("Upoważnienie nr %(n)d: niepoprawny NIP (authorisation %(n)d: invalid NIP).")
                % {"n": position}
            )
        scope_text = _text(node, "eu:Zakres", ns).lower() or "wglad"
        if scope_text not in SCOPES:
            raise FormError(
                _("Upoważnienie nr %(n)d: nieznany zakres (authorisation %(n)d: unknown scope).")
                % {"n": position}
            )
        valid_until_text = _text(node, "eu:WazneDo", ns)
        valid_until = _date(valid_until_text)
        if valid_until_text and valid_until is None:
            raise FormError(
                _(
                    "Upoważnienie nr %(n)d: niepoprawna data ważności "
                    "(authorisation %(n)d: invalid expiry date)."
                )
                % {"n": position}
            )
        found.append(
            Authorisation(
                pesel=pesel,
                nip=nip,
                name=_text(node, "eu:Nazwa", ns),
                scope=SCOPES[scope_text],
                valid_until=valid_until,
            )
        )
    return tuple(found)


def parse_element(root: etree._Element) -> ParsedForm:
    """Read an already (safely) parsed ``wnio:Dokument``."""
    namespace = etree.QName(root).namespace or ""
    if etree.QName(root).localname != "Dokument" or not namespace.startswith(CRD_FORMS):
        raise FormError(_("To nie jest formularz wnio:Dokument z Centralnego Repozytorium Wzorów."))
    ns = {"wnio": namespace, "meta": META, "str": STR, "inst": INST, "adr": ADR}
    description = root.find("wnio:OpisDokumentu", ns)
    data = root.find("wnio:DaneDokumentu", ns)
    content = root.find("wnio:TrescDokumentu", ns)
    if data is None or content is None:
        raise FormError(_("W dokumencie brak DaneDokumentu lub TrescDokumentu."))
    document_name = _text(data, "str:Naglowek/str:NazwaDokumentu", ns)
    title = _text(content, "wnio:Tytul", ns) or document_name
    created = _date(_text(description, "meta:Data/meta:Czas", ns)) or _date(
        _text(data, "meta:Data/meta:Czas", ns)
    )
    institution = (
        None if data is None else data.find("str:Adresaci/meta:Podmiot/inst:Instytucja", ns)
    )
    text = "\n\n".join(
        " ".join((info.text or "").split())
        for info in content.findall("wnio:Informacje/wnio:Informacja", ns)
        if (info.text or "").strip()
    )
    is_access_request = ACCESS_REQUEST_TITLE.casefold() in {
        document_name.casefold(),
        title.casefold(),
    }
    return ParsedForm(
        kind=ParsedForm.KIND_ACCESS_REQUEST
        if is_access_request
        else ParsedForm.KIND_GENERAL_LETTER,
        namespace=namespace,
        title=title,
        document_name=document_name,
        created_on=created,
        place=_text(content, "wnio:MiejscowoscDokumentu", ns),
        sender=_sender(data),
        recipient_name=_text(institution, "inst:NazwaInstytucji", ns),
        recipient_address=_address(
            None if institution is None else institution.find("adr:Adres", ns)
        ),
        text=text,
        attachments=_attachments(content),
        authorisations=_authorisations(content) if is_access_request else (),
        email=_text(data, "str:Nadawcy/meta:Podmiot/adr:Kontakt/adr:Email", ns),
        phone=_text(data, "str:Nadawcy/meta:Podmiot/adr:Kontakt/adr:Telefon", ns),
    )


def parse_untrusted(data: bytes) -> etree._Element:
    """Parse untrusted bytes with the project's safe parser, with bilingual refusals:
    :class:`UnsafeDocument` for a DOCTYPE or entities, :class:`MalformedDocument` for XML
    that is not well-formed."""
    try:
        return parse_xml(data)
    except UnsafeXMLError:
        raise UnsafeDocument(_("Odrzucono dokument z deklaracją DOCTYPE lub encjami.")) from None
    except MalformedXMLError:
        raise MalformedDocument(_("Dokument nie jest poprawnym XML.")) from None


def parse_document(data: bytes) -> ParsedForm:
    """Parse the bytes of a ``wnio:Dokument`` into a :class:`ParsedForm`.

    Raises :class:`UnsafeDocument`, :class:`MalformedDocument` (see
    :func:`parse_untrusted`) and :class:`FormError` for anything else unreadable; every
    message is Polish first with English in brackets.
    """
    return parse_element(parse_untrusted(data))
