"""Forms in the town's admin: made and published by the "E-usługi" group, versioned by
Wagtail revisions (a revision keeps the form as it was), refused when they could not be
filled in, and never seen from another town."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django_tenants.utils import schema_context

from eurzad.eservices.defaults import ESERVICES_GROUP
from eurzad.eservices.models import EServiceForm, definition_of
from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, staff_client
from tests.eservices.forms import published
from tests.eservices.waste import STEPS, field, step

LIST = "/admin/snippets/eservices/eserviceform/"


def _clerk(schema: str, host: str):
    return staff_client(schema, host, ESERVICES_GROUP, "formularze")


def test_a_new_version_leaves_the_revision_a_submission_started_on_as_it_was(towns):
    form = published("zembrzyce")
    with schema_context("zembrzyce"):
        first = form.live_revision
        changed = [*STEPS, step(field("text", "uwagi", "Uwagi"), title="Uwagi")]
        form.steps = json.dumps(changed)
        form.save_revision().publish()
        form.refresh_from_db()
        assert form.live_revision != first
        assert definition_of(first).field("uwagi") is None  # the old version, unchanged
        assert definition_of(form.live_revision).field("uwagi") is not None
        assert definition_of(first).constants["stawka_osoba"] == Decimal("32.00")


def test_a_form_that_cannot_be_filled_in_is_refused_in_polish(towns):
    with schema_context("zembrzyce"):
        form = EServiceForm(
            name="Zgłoszenie", slug="zgloszenie", jrwa_symbol="7021", case_subject="Zgłoszenie",
            steps=json.dumps([step(field("computed", "oplata", "Opłata", formula="stawka * 2"))]),
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            form.full_clean()
    assert "Formularza nie da się wypełnić: pole oplata: nieznane nazwy: stawka" in str(
        refused.value
    )


def test_the_group_lists_its_towns_forms_and_not_another_towns(towns):
    own = published("glogow")
    published("zembrzyce")
    client = _clerk("glogow", GLOGOW_HOST)
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert own.name in listing.content.decode()
    with schema_context("glogow"):
        # Zembrzyce's is in its own schema (beside the town's shipped forms)
        assert list(EServiceForm.objects.filter(slug=own.slug)) == [own]
    assert client.get(f"{LIST}edit/{own.pk}/").status_code == 200
    assert client.get(f"{LIST}add/").status_code == 200


def test_another_towns_form_is_not_found_by_its_id(towns):
    foreign = published("zembrzyce")
    with schema_context("glogow"):
        assert not EServiceForm.objects.filter(pk=foreign.pk).exists()
    client = _clerk("glogow", GLOGOW_HOST)
    assert client.get(f"{LIST}edit/{foreign.pk}/").status_code == 404


def test_the_preview_shows_every_step_and_rule(towns):
    form = published("zembrzyce")
    request = RequestFactory().get("/", HTTP_HOST=ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        request.tenant = Municipality.objects.get(schema_name="zembrzyce")
        html = form.serve_preview(request, "").render().content.decode()
    assert "Nieruchomość i opłata" in html
    assert "Widoczne, gdy: metoda == &quot;osoby&quot;" in html
    assert "Wyliczane:" in html
