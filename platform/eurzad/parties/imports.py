"""The Party a row of a town's CSV import names: columns ``party_external_id``, ``pesel``
and ``nip`` identify it, the detail columns describe a new one. References in reports are
masked: an import report never holds a full PESEL."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from eurzad.core.csv_rows import Row, RowError, clean_model
from eurzad.core.masking import mask
from eurzad.parties.identifiers import (
    normalise_nip,
    normalise_pesel,
    validate_nip,
    validate_pesel,
)
from eurzad.parties.models import Party

PARTY_COLUMNS = ("party_external_id", "pesel", "nip")
PARTY_DETAILS = ("regon", "first_name", "last_name", "name", "street", "postal_code", "city",
                 "email", "ade_address", "epuap_inbox")  # fmt: skip


def party_reference(row: Row) -> str:
    """Who the row is about, safe for the report: the external id, or a masked number."""
    if external := row.text("party_external_id"):
        return external
    digits = re.sub(r"\D", "", row.text("pesel"))
    if digits:
        return "PESEL " + mask(digits)
    digits = re.sub(r"\D", "", row.text("nip"))
    return "NIP " + mask(digits, visible=3) if digits else ""


def find_party(row: Row) -> tuple[Party | None, dict[str, str]]:
    """The Party the row names by any of its identifiers (``None`` when the office does
    not know it yet) and the identifiers, validated and normalised."""
    identifiers = {
        "party_external_id": row.text("party_external_id"),
        "pesel": row.checked("pesel", validate_pesel, normalise_pesel),
        "nip": row.checked("nip", validate_nip, normalise_nip),
    }
    if not any(identifiers.values()):
        raise RowError(
            "party_external_id",
            _("Podaj identyfikator strony: party_external_id, PESEL lub NIP."),
        )  # fmt: skip
    found: dict[int, Party] = {}
    lookups = {"party_external_id": "external_id", "pesel": "pesel", "nip": "nip"}
    for column, value in identifiers.items():
        if value:
            party = Party.objects.filter(**{lookups[column]: value}).first()
            if party is not None:
                found[party.pk] = party
    if len(found) > 1:
        raise RowError(
            "party_external_id",
            _("Identyfikatory wskazują różne strony."),
        )
    return (next(iter(found.values())) if found else None), identifiers


PARTY_FIELD_COLUMNS = {"external_id": "party_external_id"}


def create_party(row: Row, identifiers: dict[str, str]) -> Party:
    """A new Party from the row's details (natural when it has a PESEL or only a person's
    names, legal otherwise)."""
    details = {column: row.text(column) for column in PARTY_DETAILS}
    natural = bool(identifiers["pesel"]) or (
        bool(details["first_name"] or details["last_name"]) and not details["name"]
    )
    party = Party(
        kind=Party.Kind.NATURAL if natural else Party.Kind.LEGAL,
        external_id=identifiers["party_external_id"],
        pesel=identifiers["pesel"],
        nip=identifiers["nip"],
        **details,
    )
    clean_model(party, PARTY_FIELD_COLUMNS)
    party.save()
    return party
