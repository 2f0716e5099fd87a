"""What a shipped form is, and the pieces several of them share.

A form is written here exactly as the editors' StreamField stores it (the raw JSON that
:mod:`eurzad.eservices.definition` reads), with both languages side by side: what the
resident reads in Polish, and the English the site shows on its English pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

#: What a constant the town must set itself carries as its source until an editor sets it.
TO_BE_SET = "uchwała rady gminy – uzupełnij"


@dataclass(frozen=True)
class ShippedConstant:
    """A number a shipped form's formulas use (a FormConstant of the town)."""

    key: str
    value: Decimal
    label: str
    source: str = TO_BE_SET


@dataclass(frozen=True)
class ShippedForm:
    """One form every town starts with.

    ``key`` names the template for good (the town's log remembers it was given, so a
    renamed or deleted form is not given again); ``service_slugs`` are the slugs of a
    catalogue service the form belongs to; ``editor_note`` is appended to the intro of a
    form created as a draft because the town's own numbers are still to be set."""

    key: str
    slug: str
    name: str
    name_en: str
    intro: str
    intro_en: str
    jrwa_symbol: str
    case_subject: str
    steps: list[dict[str, Any]]
    anonymous: bool = False
    signature_required: bool = False
    fee_field: str = ""
    fee_title: str = ""
    constants: tuple[ShippedConstant, ...] = ()
    service_slugs: tuple[str, ...] = ()
    editor_note: str = ""


def field(kind: str, key: str, label: str, label_en: str, **options: Any) -> dict[str, Any]:
    """A question of ``kind`` as the StreamField keeps it."""
    return {"type": kind, "value": {"key": key, "label": label, "label_en": label_en, **options}}


def step(title: str, title_en: str, *fields: dict[str, Any], **options: Any) -> dict[str, Any]:
    return {
        "type": "step",
        "value": {"title": title, "title_en": title_en, "fields": list(fields), **options},
    }


def choice(value: str, label: str, label_en: str) -> dict[str, str]:
    return {"value": value, "label": label, "label_en": label_en}


YES_NO = [choice("tak", "tak", "yes"), choice("nie", "nie", "no")]


def applicant(*, identified: bool = True) -> list[dict[str, Any]]:
    """Who files: name, address and (``identified``) PESEL or a firm's NIP, filled in from
    the logged-in Party (or the person or firm a representative acts for). KPA art. 63
    § 2: a podanie names at least the person filing it and their address."""
    identifiers = [
        field("identifier", "pesel", "PESEL", "PESEL number", identifier="pesel",
              prefill="pesel", required_when="not nip",
              help="Firma lub inna organizacja podaje zamiast niego NIP.",
              help_en="A firm or another organisation gives its NIP instead."),
        field("identifier", "nip", "NIP", "Tax identification number (NIP)",
              identifier="nip", prefill="nip",
              help="Tylko gdy wnioskodawcą jest firma lub inna organizacja.",
              help_en="Only when the applicant is a firm or another organisation."),
    ]  # fmt: skip
    return [
        field("text", "imie_nazwisko", "Imię i nazwisko lub nazwa", "Full name or company name",
              required=True, max_length=200, prefill="name"),
        *(identifiers if identified else []),
        field("text", "ulica", "Ulica i numer domu (lokalu)", "Street and house number",
              required=True, max_length=200, prefill="street",
              help="W miejscowości bez ulic: nazwa miejscowości i numer domu.",
              help_en="Where there are no street names: the village and house number."),
        field("identifier", "kod_pocztowy", "Kod pocztowy", "Postal code",
              identifier="postal_code", required=True, prefill="postal_code"),
        field("text", "miejscowosc", "Miejscowość", "Town or village", required=True,
              max_length=100, prefill="city"),
        field("identifier", "email", "Adres e-mail", "E-mail address", identifier="email",
              prefill="email",
              help="Nieobowiązkowo: napiszemy, gdy sprawa ruszy lub czegoś zabraknie.",
              help_en="Optional: we write when the case moves on or something is missing."),
    ]  # fmt: skip


def truthful(what: str = "we wniosku", what_en: str = "in this application") -> dict[str, Any]:
    return field(
        "consent", "dane_prawdziwe",
        f"Oświadczam, że dane podane {what} są zgodne z prawdą.",
        f"I declare that the information given {what_en} is true.",
        required=True,
    )  # fmt: skip


def privacy_notice() -> dict[str, Any]:
    """RODO art. 13: the office tells the person how it processes their data. The office
    processes a podanie's data to do its legal task (art. 6 ust. 1 lit. c/e), not by
    consent, so the resident confirms having read the notice rather than consenting."""
    return field(
        "consent", "klauzula_rodo",
        "Zapoznałem(-am) się z informacją o przetwarzaniu danych osobowych przez urząd.",
        "I have read how the office processes personal data.",
        required=True,
        help="Klauzula informacyjna (art. 13 RODO) jest na stronie „Ochrona danych osobowych” "
        "w stopce serwisu: kto jest administratorem, w jakim celu i jak długo przetwarza "
        "dane oraz jak skontaktować się z inspektorem ochrony danych.",
        help_en="The information notice (GDPR art. 13) is on the “Personal data protection” "
        "page linked in the footer: who the controller is, why and for how long the data "
        "are processed, and how to reach the data protection officer.",
    )  # fmt: skip
