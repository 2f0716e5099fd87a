"""Polish identifiers of persons and firms: PESEL, NIP, REGON (python-stdnum).

Messages are Polish first, English in brackets; they never repeat the number itself, so
they are safe to log.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip, pesel, regon

PESEL_INVALID = _(
    "Numer PESEL jest nieprawidłowy: sprawdź, czy ma 11 cyfr i czy nie ma w nim literówki."
)
NIP_INVALID = _("Numer NIP jest nieprawidłowy.")
NRB_INVALID = _("Numer rachunku bankowego jest nieprawidłowy.")


def _digits(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace() and ch != "-")


def validate_pesel(value: str) -> None:
    try:
        pesel.validate(_digits(value))
    except StdnumError as exc:
        raise ValidationError(PESEL_INVALID, code="invalid_pesel") from exc


def validate_nip(value: str) -> None:
    try:
        nip.validate(_digits(value).upper().removeprefix("PL"))
    except StdnumError as exc:
        raise ValidationError(NIP_INVALID, code="invalid_nip") from exc


def validate_regon(value: str) -> None:
    try:
        regon.validate(_digits(value))
    except StdnumError as exc:
        raise ValidationError(
            _("Numer REGON jest nieprawidłowy."),
            code="invalid_regon",
        ) from exc


def normalise_pesel(value: str) -> str:
    return pesel.compact(_digits(value))


def normalise_nip(value: str) -> str:
    return nip.compact(_digits(value).upper().removeprefix("PL"))


def normalise_regon(value: str) -> str:
    return regon.compact(_digits(value))


def normalise_nrb(value: str) -> str:
    """``PL61 1090 1014 0000 0712 1981 2874`` → ``61109010140000071219812874``."""
    return _digits(value).upper().removeprefix("PL")


def validate_nrb(value: str) -> None:
    """A Polish bank account number (NRB, 26 digits), checked as a PL IBAN."""
    number = normalise_nrb(value)
    if len(number) != 26 or not number.isdigit() or not iban.is_valid("PL" + number):
        raise ValidationError(NRB_INVALID, code="invalid_nrb")


def format_nrb(number: str) -> str:
    """The usual grouping: ``61 1090 1014 0000 0712 1981 2874``."""
    number = normalise_nrb(number)
    return number[:2] + " " + " ".join(number[i : i + 4] for i in range(2, 26, 4))
