"""What the public pages and the resident's page read: public registers and entries
(searched in public fields only), the acting Party's entries, the property search."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import F, QuerySet
from django.db.models.fields.json import KeyTextTransform

from eurzad.core.postgresql.search import FoldedContains
from eurzad.parties.models import Party
from eurzad.registers.models import (
    PROPERTY_TEXT_FIELDS,
    Property,
    RegisterDefinition,
    RegisterEntry,
    entry_text,
)

MAX_QUERY = 100


def public_registers() -> QuerySet[RegisterDefinition]:
    return RegisterDefinition.objects.filter(is_public=True)


def public_entries(definition: RegisterDefinition, query: str = "") -> QuerySet[RegisterEntry]:
    """The register's entries; a text query (case and diacritics ignored) matches within
    the number or a public text field — never a non-public one, so a search cannot reveal
    what the page does not show. The trigram index over the whole entry narrows the rows
    first; the public fields decide."""
    entries = RegisterEntry.objects.filter(definition=definition).order_by(
        "-valid_from", "number", "pk"
    )
    query = query.strip()[:MAX_QUERY]
    if query:
        public_text = [
            KeyTextTransform(item["name"], "values")
            for item in definition.public_fields
            if item["type"] in ("text", "choice")
        ]
        match = reduce(or_, [FoldedContains(field, query) for field in [F("number"), *public_text]])
        entries = entries.filter(FoldedContains(entry_text(), query), match)
    return entries


def entries_of(party: Party) -> QuerySet[RegisterEntry]:
    """Every entry naming the Party, in any register (public or not)."""
    return (
        RegisterEntry.objects.filter(party=party)
        .select_related("definition")
        .order_by("definition__order", "definition__name", "-valid_from", "number")
    )


@dataclass(frozen=True)
class PropertyFilters:
    precinct: str = ""
    offer: str = ""
    area_min: Decimal | None = None
    area_max: Decimal | None = None
    text: str = ""


def search_properties(filters: PropertyFilters) -> QuerySet[Property]:
    """Published properties matching the filters, ordered by obręb and parcel number."""
    found = Property.objects.filter(published=True)
    if filters.precinct:
        found = found.filter(precinct=filters.precinct)
    if filters.offer:
        found = found.filter(offer=filters.offer)
    if filters.area_min is not None:
        found = found.filter(area_m2__gte=filters.area_min)
    if filters.area_max is not None:
        found = found.filter(area_m2__lte=filters.area_max)
    if filters.text:
        # Case and diacritics ignored; the trigram index ``property_text`` serves each.
        found = found.filter(
            reduce(or_, [FoldedContains(F(name), filters.text) for name in PROPERTY_TEXT_FIELDS])
        )
    return found.order_by("precinct", "parcel_number", "id").only(
        "id", "parcel_number", "precinct", "area_m2", "use", "offer", "address"
    )


def precincts() -> list[str]:
    """The obręby of published properties, for the filter's list."""
    return list(
        Property.objects.filter(published=True)
        .order_by("precinct")
        .values_list("precinct", flat=True)
        .distinct()
    )
