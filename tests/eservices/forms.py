"""Forms published in a town for the tests (the waste declaration of waste.py)."""

from __future__ import annotations

import json

from django_tenants.utils import schema_context

from eurzad.eservices.models import EServiceForm, FormConstant
from tests.eservices.waste import CONSTANTS, STEPS, field, step

# The waste declaration in five steps: a photo and the declarant's contact between the
# property and the statement, so that one form shows every kind of field and step (the
# browser tests of the pages and the submit benchmark go through it).
PHOTO_STEP = step(
    field("file", "zdjecie", "Zdjęcie miejsca na pojemniki", file_types=["jpg", "png"],
          max_mb=3, max_files=2, help="Na przykład altany śmietnikowej."),
    title="Załączniki",
)  # fmt: skip
CONTACT_STEP = step(
    field("identifier", "email", "Adres e-mail", identifier="email"),
    field("identifier", "telefon", "Telefon", identifier="phone"),
    field("date", "od_kiedy", "Data powstania obowiązku opłaty", required=True),
    field("text", "uwagi", "Uwagi", multiline=True, max_length=1000),
    title="Kontakt i termin",
)
FIVE_STEPS = [STEPS[0], STEPS[1], PHOTO_STEP, CONTACT_STEP, STEPS[2]]


def constants() -> None:
    """The rates of waste.py (every town has the shipped waste constants already)."""
    for key, value in CONSTANTS.items():
        FormConstant.objects.update_or_create(key=key, defaults={"value": value, "label": key})


def published(schema: str, steps: list[dict] = STEPS, **options: object) -> EServiceForm:
    """The form, published (its live revision is version 1)."""
    with schema_context(schema):
        constants()
        form = EServiceForm(
            name="Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi",
            slug="deklaracja-odpady", jrwa_symbol="3115",
            case_subject="Deklaracja o wysokości opłaty za odpady",
            steps=json.dumps(steps), live=False, **options,
        )  # fmt: skip
        form.full_clean()
        form.save()
        form.save_revision().publish()
        form.refresh_from_db()
    return form
