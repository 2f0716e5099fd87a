"""A waste declaration filed in Zembrzyce by Jan Kowalski (or for a firm he represents),
for the tests of what the office issues about it."""

from __future__ import annotations

from django_tenants.utils import schema_context

from eurzad.eservices.models import EServiceForm, Submission
from eurzad.eservices.services import save_answers, start, submit
from eurzad.identity.authentication import Authentication
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from tests.eservices.waste import field, step
from tests.finance import factories as f

PESEL = "92071314764"
LOGIN = Authentication("_a1b2c3", "http://eidas.europa.eu/LoA/substantial", "2026-12-07T09:15:00Z")
ANSWERS = {
    "metoda": "osoby",
    "osoby": "3",
    "kompostownik": "tak",
    "mieszkancy": [{"imie": "Jan", "pesel": PESEL}, {"imie": "Zofia"}],
    "oswiadczenie": "on",
}

# A report anyone may file without logging in, with a photo.
REPORT = [step(
    field("text", "miejsce", "Miejsce awarii", required=True),
    field("file", "zdjecie", "Zdjęcie", file_types=["jpg", "png"], max_files=2),
    field("consent", "zgoda", "Oświadczam, że zgłoszenie jest prawdziwe", required=True),
    title="Zgłoszenie",
)]  # fmt: skip


def jan() -> Resident:
    own = f.party("zembrzyce", pesel=PESEL, first_name="Jan", last_name="Kowalski",
                  street="Zembrzyce 120", postal_code="34-210", city="Zembrzyce")  # fmt: skip
    return f.resident("zembrzyce", own)


def filed(
    form: EServiceForm, who: Resident, party: Party | None = None, **answers: object
) -> Submission:
    """``form`` filed in a login.gov.pl session (for ``party``, by default ``who``'s own)."""
    with schema_context("zembrzyce"):
        draft = start(form, party or who.party, who)
        checked = save_answers(draft, {**ANSWERS, **answers})
        assert checked.errors == {}, checked.errors
        submit(draft, LOGIN)
        return Submission.objects.select_related("form", "revision", "party").get(pk=draft.pk)
