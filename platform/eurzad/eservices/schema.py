"""The JSON Schema (draft 2020-12) of a form version's answers document.

The schema is the contract of the submission's machine-readable copy: the portal
validates every answers document against it (``jsonschema``), the mobile API and the
integration API publish it with the version, so an app or the office's EZD can validate
the same document the same way. Identifiers are checked by formats of our own (``pesel``,
``nip``, ``nrb``, ``postal_code``, ``email``, ``phone``) with their check digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from jsonschema import FormatChecker

from eurzad.eservices.definition import Definition, Field
from eurzad.parties import identifiers

DIALECT = "https://json-schema.org/draft/2020-12/schema"
POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
PHONE = re.compile(r"^\+?[0-9 ]{9,15}$")


def _by_validator(validate: Callable[[str], None]) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if not isinstance(value, str):
            return True  # the type is the schema's to check
        try:
            validate(value)
        except ValidationError:
            return False
        return True

    return check


def _iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _matches(pattern: re.Pattern[str]) -> Callable[[object], bool]:
    return lambda value: not isinstance(value, str) or bool(pattern.match(value))


@dataclass(frozen=True)
class Format:
    check: Callable[[object], bool]
    message: str | Promise


class Formats(dict[str, Format]):
    """Our formats, each with the message a resident reads when a value fails it."""

    @cached_property
    def checker(self) -> FormatChecker:
        checker = FormatChecker(formats=())
        for name, each in self.items():
            checker.checks(name)(each.check)
        return checker


FORMATS = Formats(
    pesel=Format(_by_validator(identifiers.validate_pesel), identifiers.PESEL_INVALID),
    nip=Format(_by_validator(identifiers.validate_nip), identifiers.NIP_INVALID),
    nrb=Format(_by_validator(identifiers.validate_nrb), identifiers.NRB_INVALID),
    postal_code=Format(_matches(POSTAL_CODE), _("Kod pocztowy podaj w postaci 00-000.")),
    email=Format(_by_validator(validate_email), _("Adres e-mail jest nieprawidłowy.")),
    phone=Format(_matches(PHONE), _("Numer telefonu podaj cyframi, np. 600 100 200.")),
    date=Format(_iso_date, _("Datę podaj w postaci RRRR-MM-DD.")),
)  # fmt: skip


def _field_schema(spec: Field) -> dict[str, Any]:
    described = {"title": spec.label, **({"description": spec.help} if spec.help else {})}
    if spec.kind == "text":
        return {**described, "type": "string", "maxLength": spec.max_length}
    if spec.kind == "number":
        number: dict[str, Any] = {"type": "integer" if spec.decimals == 0 else "number"}
        if spec.minimum is not None:
            number["minimum"] = float(spec.minimum) if spec.decimals else int(spec.minimum)
        if spec.maximum is not None:
            number["maximum"] = float(spec.maximum) if spec.decimals else int(spec.maximum)
        return {**described, **number}
    if spec.kind == "date":
        return {**described, "type": "string", "format": "date"}
    if spec.kind == "choice":
        return {**described, "type": "string", "enum": [choice.value for choice in spec.choices]}
    if spec.kind == "identifier":
        return {**described, "type": "string", "format": spec.identifier}
    if spec.kind == "file":
        return {
            **described,
            "type": "array",
            "items": {"type": "string"},
            "maxItems": spec.max_files,
        }
    if spec.kind == "consent":
        return {**described, "type": "boolean"}
    if spec.kind == "group":
        return {
            **described,
            "type": "array",
            "minItems": spec.min_items,
            "maxItems": spec.max_items,
            "items": _object(spec.fields),
        }
    return {**described, "type": "string", "readOnly": True}  # computed: written by us


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {spec.key: _field_schema(spec) for spec in fields},
        "additionalProperties": False,
    }


def schema_of(definition: Definition) -> dict[str, Any]:
    """The JSON Schema of the answers to ``definition`` (required-ness is left to the
    form's conditions, which the schema cannot express)."""
    return {"$schema": DIALECT, **_object(tuple(definition.fields()))}
