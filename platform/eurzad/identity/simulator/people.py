"""The test persons the simulator offers (their PESELs are valid but fictitious)."""

from datetime import date

from eurzad.identity.simulator.messages import SimulatedPerson

PEOPLE = [
    SimulatedPerson("44051401359", "Jan", "Kowalski", date(1944, 5, 14)),
    SimulatedPerson("85121612343", "Maria", "Wiśniewska", date(1985, 12, 16)),
    SimulatedPerson("02270803624", "Zofia", "Nowak", date(2002, 7, 8)),
]
