"""What a logged-in resident's form is filled in with: the acting Party's data (for a
representative, the principal's, whose mandate the session carries)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eurzad.parties.models import Party


@dataclass(frozen=True)
class Source:
    label: str | Promise
    read: Callable[[Party], str]


def _name(party: Party) -> str:
    return party.name or " ".join(p for p in (party.first_name, party.last_name) if p)


SOURCES: Mapping[str, Source] = {
    "name": Source(_("imię i nazwisko lub nazwa"), _name),
    "first_name": Source(_("imię"), lambda party: party.first_name or ""),
    "last_name": Source(_("nazwisko"), lambda party: party.last_name or ""),
    "pesel": Source(_("PESEL"), lambda party: party.pesel or ""),
    "nip": Source(_("NIP"), lambda party: party.nip or ""),
    "street": Source(_("ulica i numer"), lambda party: party.street or ""),
    "postal_code": Source(_("kod pocztowy"), lambda party: party.postal_code or ""),
    "city": Source(_("miejscowość"), lambda party: party.city or ""),
    "email": Source(_("adres e-mail"), lambda party: party.email or ""),
}


def prefilled(fields: Any, party: Party) -> dict[str, str]:
    """The answers the Party's data gives for ``fields`` (those with a ``prefill``)."""
    answers = {}
    for field in fields:
        source = SOURCES.get(field.prefill)
        if source is not None and (value := source.read(party)):
            answers[field.key] = value
    return answers
