"""The fictitious people every simulator offers (login.gov.pl, ePUAP, e-Doręczenia) and
the demo towns are seeded with: their PESELs are valid but belong to nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SimulatedPerson:
    """A person the simulators let you act as."""

    pesel: str
    first_name: str
    last_name: str
    date_of_birth: date


PEOPLE = [
    SimulatedPerson("44051401359", "Jan", "Kowalski", date(1944, 5, 14)),
    SimulatedPerson("85121612343", "Maria", "Wiśniewska", date(1985, 12, 16)),
    SimulatedPerson("02270803624", "Zofia", "Nowak", date(2002, 7, 8)),
]
