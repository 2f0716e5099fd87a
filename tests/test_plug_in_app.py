"""A new app plugs in without editing any other: the made-up app in ``tests/plug_in``
registers, from its own ``AppConfig.ready``, a provisioning step (a new town and a spare
get its seed and set-up), a section of Mój e-Urząd and a kind of notification — and
each of them works. No list in tenants, cms, the portal or notifications names it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import AppConfig
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context

from eurzad.notifications.kinds import configurable_kinds
from eurzad.notifications.models import Notification
from eurzad.notifications.services import send
from tenants.models import Municipality
from tenants.provisioning import Town, run_seed_steps, run_town_steps, steps
from tests.conftest import ZEMBRZYCE_HOST
from tests.finance import factories as f
from tests.plug_in import apps as pets

PLUG_IN = Path(pets.__file__).parent


@pytest.fixture
def pets_app(settings) -> Iterator[AppConfig]:
    """The app as Django starts it: its config is created and made ready. Its templates
    are found like an installed app's (its templates folder on the loader's path)."""
    config = AppConfig.create("tests.plug_in")
    engine = settings.TEMPLATES[0]
    with override_settings(
        TEMPLATES=[{**engine, "DIRS": [*engine["DIRS"], PLUG_IN / "templates"]}]
    ):
        config.ready()
        pets.ran.clear()
        try:
            yield config
        finally:
            config.forget()


def test_its_provisioning_step_runs_in_the_town_after_the_ones_before_it(towns, pets_app):
    assert [step.name for step in steps()][-2:] == ["registers", "pets"]
    town = Municipality.objects.get(schema_name="zembrzyce")
    with schema_context("zembrzyce"):
        run_seed_steps()  # what the spare pool runs ahead of time
        run_town_steps(Town(town, ZEMBRZYCE_HOST))  # what onboarding runs for the town
    assert pets.ran == [("zembrzyce", "seed"), ("zembrzyce", "provision zembrzyce")]
    assert connection.schema_name == "public"


def test_its_section_shows_on_the_account_home_and_in_the_menu(towns, pets_app):
    anna = f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    page = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna).get("/konto/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('href="/konto/zwierzeta/"') == 2  # its card and its menu entry
    assert "Opłata od posiadania psa i rejestr zwierząt." in html
    assert html.index("Moje wpisy w rejestrach") < html.index("Psy i koty")
    assert html.index("Psy i koty") < html.index("Płatności internetowe")


def test_its_kind_is_sent_and_listed_in_the_preferences(towns, pets_app):
    names = [kind.name for kind in configurable_kinds()]
    assert names.index("installment_overdue") < names.index("pet_fee_due")
    anna = f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    with schema_context("zembrzyce"):
        send("pet_fee_due", anna.user, {"amount": "30,00 zł", "link": "/konto/zwierzeta/"})
        notification = Notification.objects.get(recipient=anna.user, reason="pet_fee_due")
    assert notification.subject == "Opłata od psa: 30,00 zł do 15 marca"
    assert "Termin: 15 marca." in notification.body
    preferences = f.logged_in("zembrzyce", ZEMBRZYCE_HOST, anna).get(
        "/konto/powiadomienia/ustawienia/"
    )
    assert "Termin opłaty od psa" in preferences.content.decode()
