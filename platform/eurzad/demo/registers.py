"""Sample register entries and municipal property for the demo towns.

Głogów: alcohol sale permits and lease agreements (some naming the demo account's firm
and Jan Kowalski, so "Moje wpisy w rejestrach" shows something) and 24 properties;
Zembrzyce: one lease and a handful of parcels. Safe to run again: every row has source
"demo" and a stable external id.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eurzad.parties.models import Party
from eurzad.registers.defaults import (
    ALCOHOL_PERMITS,
    PROPERTY_LEASES,
    ensure_default_registers,
)
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry

SOURCE = "demo"
JAN_PESEL = "44051401359"

GLOGOW_PERMITS = [
    # number, holder, address, kind, category, decision, party ref, valid from, until
    ("ZEZW/1/2024", "Piekarnia Przykładowa sp. z o.o.", "ul. Chlebowa 2", "sklep",
     "A (do 4,5% i piwo)", "GOS.7340.1.2024", "demo:firma", "2024-03-01", "2030-02-28"),
    ("ZEZW/2/2024", "Sklep Pod Lipą s.c.", "ul. Obrońców Pokoju 12", "sklep",
     "B (4,5–18%)", "GOS.7340.2.2024", "", "2024-04-15", "2031-04-14"),
    ("ZEZW/3/2024", "Restauracja Zamkowa Sp. j.", "pl. Zamkowy 3", "lokal gastronomiczny",
     "C (powyżej 18%)", "GOS.7340.3.2024", "", "2024-05-01", "2028-04-30"),
    ("ZEZW/4/2025", "Delikatesy Odra", "ul. Kościuszki 7", "sklep",
     "A (do 4,5% i piwo)", "GOS.7340.4.2025", "", "2025-01-10", "2032-01-09"),
    ("ZEZW/5/2025", "Festyn Dni Głogowa – Stowarzyszenie", "Park Słowiański", "jednorazowe",
     "A (do 4,5% i piwo)", "GOS.7340.5.2025", "", "2025-06-20", "2025-06-22"),
    ("ZEZW/6/2023", "Bar Przystań", "ul. Nadbrzeżna 1", "lokal gastronomiczny",
     "B (4,5–18%)", "GOS.7340.6.2023", "", "2023-02-01", "2025-01-31"),
]  # fmt: skip

LEASES = {
    "glogow": [
        # number, kind, parcel, precinct, area, purpose, concluded, tenant, rent, party ref
        ("GN.6845.1.2024", "dzierżawa", "112/4", "Głogów 5", 850, "ogródek przydomowy",
         "2024-02-01", "Jan Kowalski", 420, f"pesel:{JAN_PESEL}"),
        ("GN.6845.2.2024", "najem", "lokal użytkowy, Rynek 10", "Głogów 1", 64,
         "działalność handlowa", "2024-05-15", "Kwiaciarnia Róża", 14400, ""),
        ("GN.6845.3.2025", "dzierżawa", "201/7", "Głogów 8", 3200, "parking",
         "2025-01-01", "Piekarnia Przykładowa sp. z o.o.", 6000, "demo:firma"),
        ("GN.6845.4.2025", "użyczenie", "15/2", "Głogów 3", 410, "boisko osiedlowe",
         "2025-03-01", "Stowarzyszenie Sportowe Chrobry", 0, ""),
    ],
    "zembrzyce": [
        ("GN.6845.1.2025", "dzierżawa", "455/1", "Zembrzyce", 2500, "uprawa rolna",
         "2025-03-01", "Jan Kowalski", 300, f"pesel:{JAN_PESEL}"),
    ],
}  # fmt: skip

USES = ["zabudowa mieszkaniowa jednorodzinna", "zabudowa usługowa", "teren rolny",
        "zieleń urządzona", "parking", "zabudowa przemysłowo-składowa"]  # fmt: skip
OFFERS = ["sale", "lease", "none"]
PRECINCTS = {
    "glogow": ["Głogów 1", "Głogów 3", "Głogów 5", "Głogów 8", "Brzostów"],
    "zembrzyce": ["Zembrzyce", "Tarnawa Górna", "Śleszowice"],
}
STREETS = {
    "glogow": ["ul. Sikorskiego", "ul. Piastowska", "ul. Wita Stwosza", "ul. Słowiańska"],
    "zembrzyce": ["Zembrzyce", "Tarnawa Górna", "Śleszowice"],
}
PROPERTY_COUNT = {"glogow": 24, "zembrzyce": 8}


def ensure_demo_registers(town: str) -> None:
    """Fill the town's registers and property search with sample data."""
    ensure_default_registers()
    if town == "glogow":
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        for number, holder, address, kind, category, decision, party, start, end in GLOGOW_PERMITS:
            values = {"holder": holder, "outlet_address": address, "outlet_kind": kind,
                      "category": category, "decision_number": decision,
                      "nip": "", "fee_paid": True, "sales_last_year": 125000}  # fmt: skip
            _entry(permits, number, party, values, start, end)
    leases = RegisterDefinition.objects.get(slug=PROPERTY_LEASES)
    for number, kind, parcel, precinct, area, purpose, concluded, tenant, rent, party in LEASES.get(
        town, []
    ):
        values = {"kind": kind, "parcel": parcel, "precinct": precinct, "area_m2": area,
                  "purpose": purpose, "concluded_on": concluded, "tenant": tenant,
                  "rent": rent}  # fmt: skip
        _entry(leases, number, party, values, concluded, None)
    _properties(town)


def _entry(definition: RegisterDefinition, number: str, party_ref: str, values: dict,
           start: str, end: str | None) -> None:  # fmt: skip
    party = _party(party_ref)
    valid_until = date.fromisoformat(end) if end else None
    state = (
        RegisterEntry.State.EXPIRED
        if valid_until and valid_until < date.today()
        else RegisterEntry.State.ACTIVE
    )
    RegisterEntry.objects.update_or_create(
        source=SOURCE,
        external_id=f"{definition.slug}:{number}",
        defaults={
            "definition": definition,
            "number": number,
            "party": party,
            "values": definition.clean_values({k: v for k, v in values.items() if v != ""}),
            "valid_from": date.fromisoformat(start),
            "valid_until": valid_until,
            "state": state,
        },
    )


def _party(ref: str) -> Party | None:
    if not ref:
        return None
    if ref.startswith("pesel:"):
        return Party.objects.filter(pesel=ref.removeprefix("pesel:")).first()
    return Party.objects.filter(external_id=ref).first()


def _properties(town: str) -> None:
    precincts, streets = PRECINCTS[town], STREETS[town]
    for index in range(PROPERTY_COUNT[town]):
        precinct = precincts[index % len(precincts)]
        use = USES[index % len(USES)]
        Property.objects.update_or_create(
            source=SOURCE,
            external_id=f"{town}:{index + 1}",
            defaults={
                "parcel_number": f"{100 + index * 7}/{index % 5 + 1}",
                "precinct": precinct,
                "area_m2": Decimal(350 + (index * 487) % 9000),
                "land_register_number": f"{'LE1G' if town == 'glogow' else 'KR1W'}/"
                f"{10000 + index * 37:08d}/{index % 10}",
                "use": use,
                "offer": OFFERS[index % len(OFFERS)],
                "address": f"{streets[index % len(streets)]} {index + 2}",
                "description": f"Nieruchomość gminna w obrębie {precinct}, przeznaczenie: {use}.",
            },
        )
