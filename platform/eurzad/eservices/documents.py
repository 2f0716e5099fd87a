"""The machine-readable copies of a filed application: JSON and XML (namespace
``urn:eurzad:wniosek:1``, schema ``xsd/wniosek.xsd``).

Both say the same: the form and its version, the town, the reference and when it was
filed, the applicant (or that the report is anonymous), the representative's mandate,
the login.gov.pl login, the fee, every answer with its key and label, and the digest.
Either is enough to compute the digest again (docs/developers/eservices-documents.md):
the JSON carries what it covers as it is (``filed``); the XML keeps each value's JSON
type (``typ``). The same submission gives the same bytes, so a receipt can attest them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from lxml import etree

from eurzad.core.pdf import WARSAW
from eurzad.eservices.definition import Definition
from eurzad.eservices.filed import (
    Answer,
    Applicant,
    Attachment,
    FiledApplication,
    Login,
    Mandate,
    filed_application,
)
from eurzad.eservices.models import Submission

__all__ = ["NAMESPACE", "XSD", "as_json", "as_xml"]

NAMESPACE = "urn:eurzad:wniosek:1"
XSD = Path(__file__).resolve().parent / "xsd" / "wniosek.xsd"
DIGEST_ALGORITHM = "SHA-256"


def _instant(value: dt.datetime | None) -> str | None:
    return value.astimezone(WARSAW).isoformat(timespec="seconds") if value else None


# ---------------------------------------------------------------- JSON


def _json_attachment(attachment: Attachment) -> dict[str, Any]:
    return {"name": attachment.name, "size": attachment.size, "sha256": attachment.sha256}


def _json_answer(answer: Answer) -> dict[str, Any]:
    spec = answer.spec
    item: dict[str, Any] = {"key": spec.key, "label": spec.label, "kind": spec.kind}
    if spec.kind == "group":
        item["rows"] = [[_json_answer(inner) for inner in row] for row in answer.rows]
    elif spec.kind == "file":
        item["attachments"] = [_json_attachment(each) for each in answer.attachments]
    else:
        item["value"] = answer.value
        if spec.kind == "choice":
            item["value_label"] = answer.choice_label
    return item


def _json_applicant(applicant: Applicant) -> dict[str, Any]:
    return {
        "name": applicant.name,
        "pesel": applicant.pesel,
        "nip": applicant.nip,
        "address": {
            "street": applicant.street,
            "postal_code": applicant.postal_code,
            "city": applicant.city,
        },
    }


def _json_mandate(mandate: Mandate) -> dict[str, Any]:
    return {
        "representative": mandate.representative,
        "pesel": mandate.pesel,
        "scope": mandate.scope,
        "valid_from": mandate.valid_from.isoformat(),
        "valid_until": mandate.valid_until.isoformat() if mandate.valid_until else None,
    }


def _json_login(login: Login) -> dict[str, Any]:
    return {
        "assertion_id": login.assertion_id,
        "level_of_assurance": login.level_of_assurance,
        "authenticated_at": login.authenticated_at,
    }


def _json(filed: FiledApplication) -> dict[str, Any]:
    town = filed.town
    return {
        "format": NAMESPACE,
        "reference": filed.reference,
        "form": {"slug": filed.form_slug, "name": filed.form_name, "revision": filed.revision_id},
        "town": {
            "name": town.name,
            "official_name": town.official_name,
            "teryt": town.teryt,
            "office": town.office,
            "address": town.address,
        },
        "submitted_at": _instant(filed.submitted_at),
        "anonymous": filed.applicant is None,
        "applicant": _json_applicant(filed.applicant) if filed.applicant else None,
        "mandate": _json_mandate(filed.mandate) if filed.mandate else None,
        "authentication": _json_login(filed.login) if filed.login else None,
        "fee": (
            {"amount": f"{filed.fee:.2f}", "title": filed.fee_title}
            if filed.fee is not None
            else None
        ),
        "steps": [
            {
                "key": section.key,
                "title": section.title,
                "answers": [_json_answer(answer) for answer in section.answers],
            }
            for section in filed.sections
        ],
        "filed": filed.filed,
        "digest": {"algorithm": DIGEST_ALGORITHM, "value": filed.digest},
    }


def as_json(submission: Submission, definition: Definition) -> bytes:
    """The JSON copy of ``submission`` (UTF-8, indented): ``filed`` is exactly what
    ``digest.value`` is the SHA-256 of, as canonical JSON."""
    document = _json(filed_application(submission, definition))
    return json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"


# ---------------------------------------------------------------- XML


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, _q(tag), attributes)
    if text is not None:
        element.text = text
    return element


def _add_if(parent: etree._Element, tag: str, text: str | None) -> None:
    if text:
        _add(parent, tag, text)


def _value(parent: etree._Element, answer: Answer) -> None:
    """``Wartosc``: a text as it is; a number or a yes/no as its JSON literal, typed."""
    value, attributes = answer.value, {}
    if isinstance(value, bool):
        attributes["typ"] = "logiczna"
    elif isinstance(value, int | float):
        attributes["typ"] = "liczba"
    if answer.spec.kind == "choice":
        attributes["etykieta"] = answer.choice_label
    text = value if isinstance(value, str) else json.dumps(value)
    _add(parent, "Wartosc", text, **attributes)


def _field(parent: etree._Element, answer: Answer) -> None:
    spec = answer.spec
    element = _add(parent, "Pole", klucz=spec.key, rodzaj=spec.kind)
    _add(element, "Etykieta", spec.label)
    if spec.kind == "group":
        for number, row in enumerate(answer.rows, start=1):
            entry = _add(element, "Pozycja", numer=str(number))
            for inner in row:
                _field(entry, inner)
    elif spec.kind == "file":
        for attachment in answer.attachments:
            item = _add(element, "Zalacznik")
            _add(item, "Nazwa", attachment.name)
            if attachment.size is not None:
                _add(item, "Rozmiar", str(attachment.size))
            _add_if(item, "SHA256", attachment.sha256)
    else:
        _value(element, answer)


def _xml_parties(root: etree._Element, filed: FiledApplication) -> None:
    applicant = _add(root, "Wnioskodawca")
    if filed.applicant is None:
        _add(applicant, "Anonimowo")
    else:
        _add(applicant, "Nazwa", filed.applicant.name)
        _add_if(applicant, "PESEL", filed.applicant.pesel)
        _add_if(applicant, "NIP", filed.applicant.nip)
        if filed.applicant.address:
            address = _add(applicant, "Adres")
            _add_if(address, "Ulica", filed.applicant.street)
            _add_if(address, "KodPocztowy", filed.applicant.postal_code)
            _add_if(address, "Miejscowosc", filed.applicant.city)
    if filed.mandate is not None:
        mandate = _add(root, "Pelnomocnik")
        _add(mandate, "Nazwa", filed.mandate.representative)
        _add_if(mandate, "PESEL", filed.mandate.pesel)
        _add(mandate, "Zakres", filed.mandate.scope)
        _add(mandate, "WazneOd", filed.mandate.valid_from.isoformat())
        if filed.mandate.valid_until:
            _add(mandate, "WazneDo", filed.mandate.valid_until.isoformat())
    if filed.login is not None:
        login = _add(root, "Uwierzytelnienie")
        _add(login, "IdentyfikatorAsercji", filed.login.assertion_id)
        _add(login, "PoziomBezpieczenstwa", filed.login.level_of_assurance)
        _add(login, "Czas", filed.login.authenticated_at)


def _xml(filed: FiledApplication) -> etree._Element:
    root = etree.Element(_q("Wniosek"), nsmap={"wn": NAMESPACE})
    _add(root, "Numer", filed.reference)
    form = _add(root, "Formularz")
    _add(form, "Identyfikator", filed.form_slug)
    _add(form, "Nazwa", filed.form_name)
    _add(form, "Wersja", str(filed.revision_id))
    office = _add(root, "Urzad")
    _add(office, "Gmina", filed.town.official_name)
    _add_if(office, "TERYT", filed.town.teryt)
    _add(office, "Nazwa", filed.town.office)
    _add_if(office, "Adres", filed.town.address)
    _add_if(root, "DataZlozenia", _instant(filed.submitted_at))
    _xml_parties(root, filed)
    if filed.fee is not None:
        title = {"tytul": filed.fee_title} if filed.fee_title else {}
        _add(root, "Oplata", f"{filed.fee:.2f}", **title)
    content = _add(root, "Tresc")
    for section in filed.sections:
        step = _add(content, "Krok", klucz=section.key)
        _add(step, "Tytul", section.title)
        for answer in section.answers:
            _field(step, answer)
    _add(root, "Skrot", filed.digest, algorytm=DIGEST_ALGORITHM)
    return root


def as_xml(submission: Submission, definition: Definition) -> bytes:
    """The XML copy of ``submission`` (UTF-8, valid against ``xsd/wniosek.xsd``)."""
    root = _xml(filed_application(submission, definition))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
