"""Checks of a decrypted login.gov.pl assertion, and what the SP takes from it.

Every check failure raises :class:`AssertionRejected` with a Polish and English message
that is safe to show and to log (it never contains the PESEL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from lxml import etree
from stdnum.pl import pesel as pesel_number

from eurzad.identity.protocol import NATURAL_PERSON, SAML
from eurzad.identity.wk.xsd import XsdValueError, parse_date, parse_datetime

T = TypeVar("T")

CLOCK_SKEW = timedelta(seconds=60)
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
LOA_ORDER = ["low", "substantial", "high"]


class AssertionRejected(ValueError):
    """The assertion must not log anybody in."""


@dataclass(frozen=True)
class VerifiedIdentity:
    pesel: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    level_of_assurance: str
    # For single logout: the IdP's name for this login and its session.
    name_id: str = ""
    session_index: str = ""
    # What a submission made in this session records of it (KPA art. 63 § 3a).
    assertion_id: str = ""
    authenticated_at: str = ""  # the AuthnInstant, as the node wrote it


@dataclass(frozen=True)
class Expectations:
    issuer: str
    audience: str
    recipient: str
    in_response_to: str
    minimum_loa: str


def _q(tag: str) -> str:
    return f"{{{SAML}}}{tag}"


def _xs_value(value: str | None, parse: Callable[[str], T], polish: str, english: str) -> T | None:
    """``parse(value)``, None for an absent value; a clear refusal for a malformed one."""
    if not value:
        return None
    try:
        return parse(value)
    except XsdValueError:
        raise _reject(polish, english) from None


def _time(value: str | None) -> datetime | None:
    return _xs_value(
        value,
        parse_datetime,
        "Asercja ma niepoprawny czas ważności",
        "the assertion has an invalid time",
    )


def _date_of_birth(value: str | None) -> date | None:
    return _xs_value(
        value,
        parse_date,
        "Asercja ma niepoprawną datę urodzenia",
        "the assertion has an invalid date of birth",
    )


def _reject(polish: str, english: str) -> AssertionRejected:
    return AssertionRejected(f"{polish} ({english})")


def verify_assertion(
    assertion: etree._Element, expected: Expectations, now: datetime | None = None
) -> VerifiedIdentity:
    """Check issuer, validity window, audience, subject confirmation and level of
    assurance; return the person's identity."""
    moment = now or datetime.now(UTC)
    if assertion.tag != _q("Assertion"):
        raise _reject("To nie jest asercja SAML", "not a SAML assertion")
    if (assertion.findtext(_q("Issuer")) or "").strip() != expected.issuer:
        raise _reject("Asercję wystawił nieznany dostawca tożsamości", "unknown issuer")

    conditions = assertion.find(_q("Conditions"))
    if conditions is None:
        raise _reject("Asercja nie ma warunków ważności", "assertion has no conditions")
    not_before = _time(conditions.get("NotBefore"))
    not_on_or_after = _time(conditions.get("NotOnOrAfter"))
    if not_before and moment + CLOCK_SKEW < not_before:
        raise _reject("Asercja nie jest jeszcze ważna", "assertion not yet valid")
    if not not_on_or_after or moment - CLOCK_SKEW >= not_on_or_after:
        raise _reject("Asercja wygasła – zaloguj się ponownie", "assertion expired")
    audiences = [a.text for a in conditions.iter(_q("Audience"))]
    if expected.audience not in audiences:
        raise _reject(
            "Asercja jest przeznaczona dla innego serwisu", "assertion is for another audience"
        )

    confirmation = assertion.find(f"{_q('Subject')}/{_q('SubjectConfirmation')}")
    data = confirmation.find(_q("SubjectConfirmationData")) if confirmation is not None else None
    if confirmation is None or confirmation.get("Method") != BEARER or data is None:
        raise _reject("Brak potwierdzenia podmiotu", "no bearer subject confirmation")
    if data.get("InResponseTo") != expected.in_response_to:
        raise _reject(
            "Odpowiedź nie dotyczy logowania rozpoczętego w tej przeglądarce",
            "InResponseTo does not match this login",
        )
    if data.get("Recipient") and data.get("Recipient") != expected.recipient:
        raise _reject("Odpowiedź skierowano do innego adresu", "wrong recipient")
    confirmation_end = _time(data.get("NotOnOrAfter"))
    if confirmation_end and moment - CLOCK_SKEW >= confirmation_end:
        raise _reject("Potwierdzenie logowania wygasło", "subject confirmation expired")

    loa = (assertion.findtext(f".//{_q('AuthnContextClassRef')}") or "").strip()
    if _loa_rank(loa) < _loa_rank(expected.minimum_loa):
        raise _reject(
            "Poziom bezpieczeństwa logowania jest zbyt niski", "level of assurance too low"
        )
    return _identity(assertion, loa)


def _loa_rank(uri: str) -> int:
    name = uri.rsplit("/", 1)[-1]
    return LOA_ORDER.index(name) if name in LOA_ORDER else -1


def _attributes(assertion: etree._Element) -> dict[str, str]:
    found = {}
    for attribute in assertion.iter(_q("Attribute")):
        value = attribute.find(_q("AttributeValue"))
        if value is not None and value.text:
            found[attribute.get("Name", "")] = value.text.strip()
    return found


def _identity(assertion: etree._Element, loa: str) -> VerifiedIdentity:
    attributes = _attributes(assertion)
    raw_identifier = attributes.get(NATURAL_PERSON + "PersonIdentifier", "")
    # eIDAS form "PL/PL/<PESEL>" or the bare PESEL.
    identifier = raw_identifier.rsplit("/", 1)[-1]
    if not pesel_number.is_valid(identifier):
        raise _reject("Asercja nie zawiera poprawnego numeru PESEL", "no valid PESEL")
    birth = attributes.get(NATURAL_PERSON + "DateOfBirth")
    return VerifiedIdentity(
        pesel=identifier,
        first_name=attributes.get(NATURAL_PERSON + "CurrentGivenName", ""),
        last_name=attributes.get(NATURAL_PERSON + "CurrentFamilyName", ""),
        date_of_birth=_date_of_birth(birth),
        level_of_assurance=loa,
        name_id=(assertion.findtext(f"{_q('Subject')}/{_q('NameID')}") or "").strip(),
        session_index=next(
            (s.get("SessionIndex", "") for s in assertion.iter(_q("AuthnStatement"))), ""
        ),
        assertion_id=assertion.get("ID", ""),
        authenticated_at=next(
            (s.get("AuthnInstant", "") for s in assertion.iter(_q("AuthnStatement"))), ""
        ),
    )
