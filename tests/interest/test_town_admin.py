"""A town's finance staff see the platform's interest rates in the town's admin — the
rates in force, the threshold, their sources — read only, kept by the platform's
operators; a plain editor does not."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_tenants.utils import schema_context

from cms.services import EDITORS_GROUP
from eurzad.finance.defaults import FINANCE_GROUP
from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime
from tests.conftest import host_client
from tests.interest.conftest import NEW_RATE, rate_form

PAGE = "/admin/odsetki/"


def staff(schema: str, username: str, groups: list[str], *, superuser: bool = False) -> Client:
    client = host_client(f"{schema}.localhost")
    with schema_context(schema):
        users = get_user_model().objects
        if superuser:
            user = users.create_superuser(username=username, password="x")
        else:
            user = users.create_user(username=username, password="x")
            user.groups.add(*Group.objects.filter(name__in=groups))
        client.force_login(user)
    return client


def test_finance_staff_see_the_rates_in_force_and_who_keeps_them(towns):
    clerk = staff("glogow", "finanse-glogow", [FINANCE_GROUP])
    response = clerk.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tabelę stawek odsetek prowadzą operatorzy platformy" in html
    assert "Odsetki za zwłokę od zaległości podatkowych" in html
    assert "Odsetki ustawowe za opóźnienie" in html
    assert "Kwota, do której nie pobiera się odsetek za zwłokę" in html
    tax = InterestRate.objects.filter(regime=Regime.TAX).latest("valid_from")
    threshold = InterestThreshold.objects.latest("valid_from")
    assert f"{tax.rate:.2f} % w skali roku".replace(".", ",") in html
    assert f"{threshold.amount:.2f} zł".replace(".", ",") in html
    assert tax.announcement in html and f'href="{tax.source_url}"' in html
    # Read only: no form, no way to change a row.
    assert "<form" not in html.split('id="odsetki-tax"')[1]
    assert "/konsola/" not in html
    menu = clerk.get("/admin/").content.decode()
    assert "Stawki odsetek" in menu and PAGE in menu


def test_a_plain_editor_is_refused_and_has_no_menu_item(towns):
    editor = staff("zembrzyce", "redaktor-odsetki", [EDITORS_GROUP])
    answer = editor.get(PAGE)
    assert answer.status_code in {302, 403}
    assert "Tabelę stawek odsetek" not in answer.content.decode()
    assert PAGE not in editor.get("/admin/").content.decode()
    assert host_client("zembrzyce.localhost").get(PAGE).status_code == 302  # not logged in


def test_a_superuser_sees_the_table(towns):
    assert staff("zembrzyce", "admin-odsetki", [], superuser=True).get(PAGE).status_code == 200


def test_a_rate_added_by_an_operator_shows_in_every_town_at_once(console):
    clerk = staff("zembrzyce", "finanse-zembrzyce", [FINANCE_GROUP])
    assert "M.P. 2024 poz. 42" not in clerk.get(PAGE).content.decode()
    assert console.post(NEW_RATE, rate_form()).status_code == 302
    assert "M.P. 2024 poz. 42" in clerk.get(PAGE).content.decode()
